package jdlab.magics.maven;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import jdlab.api.UsageException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The dependencies and repositories a piece of a POM declares, as {@code %maven} coordinates: bare
 * {@code <dependency>} and {@code <repository>} elements, their {@code <dependencies>} and
 * {@code <repositories>} lists, or a whole {@code <project>}, whose {@code <properties>} fill
 * {@code ${name}} references.
 */
final class PomDependencies {

    private static final String MAGIC = "%%loadFromPOM";
    private static final Pattern XML_DECLARATION = Pattern.compile("^\\s*<\\?xml[^>]*\\?>");
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    // Elements that hold <dependency> or <repository> elements that are not the project's own.
    private static final Set<String> NOT_OURS = Set.of(
            "dependencyManagement", "plugin", "plugins", "distributionManagement", "exclusions");
    private static final Set<String> ADDED_SCOPES = Set.of("compile", "runtime");

    private PomDependencies() {
    }

    /**
     * Reads the cell into a request that resolves as {@code %maven} would.
     *
     * @throws UsageException when the cell is not XML, or a dependency lacks what a coordinate needs
     */
    static MavenRequest read(String cell) {
        Element root = parse("<pom>" + XML_DECLARATION.matcher(cell).replaceFirst("") + "</pom>");
        Map<String, String> properties = properties(root);
        List<String> coordinates = new ArrayList<>();
        for (Element dependency : ours(root, "dependency")) {
            String scope = text(dependency, "scope", properties);
            if (scope == null || ADDED_SCOPES.contains(scope)) {
                coordinates.add(coordinate(dependency, properties));
            }
        }
        Map<String, String> repositories = new LinkedHashMap<>();
        for (Element repository : ours(root, "repository")) {
            String url = required(repository, "url", properties, "<repository>");
            String id = text(repository, "id", properties);
            repositories.put(id == null ? url : id, url);
        }
        if (coordinates.isEmpty()) {
            throw new UsageException(MAGIC + ": the cell has no <dependency> of compile or runtime scope;"
                    + " write one as in a pom.xml: <dependency><groupId>…</groupId><artifactId>…</artifactId>"
                    + "<version>…</version></dependency>");
        }
        return new MavenRequest(coordinates, repositories, false, false, false);
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // A cell is pasted from anywhere: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors; the JDK's default also prints them
            return builder.parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (SAXParseException e) {
            throw new UsageException(MAGIC + ": not well-formed XML, line " + e.getLineNumber() + ": "
                    + e.getMessage());
        } catch (SAXException e) {
            throw new UsageException(MAGIC + ": not well-formed XML: " + e.getMessage());
        } catch (IOException | ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot read a string", e);
        }
    }

    private static Map<String, String> properties(Element root) {
        Map<String, String> properties = new LinkedHashMap<>();
        NodeList lists = root.getElementsByTagName("properties");
        for (int i = 0; i < lists.getLength(); i++) {
            for (Node child = lists.item(i).getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element property) {
                    properties.put(property.getTagName(), property.getTextContent().strip());
                }
            }
        }
        return properties;
    }

    private static List<Element> ours(Element root, String tag) {
        List<Element> elements = new ArrayList<>();
        NodeList all = root.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (!insideNotOurs(element, root)) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static boolean insideNotOurs(Element element, Element root) {
        for (Node parent = element.getParentNode(); parent != root; parent = parent.getParentNode()) {
            if (NOT_OURS.contains(parent.getNodeName())) {
                return true;
            }
        }
        return false;
    }

    // group:artifact:version, or group:artifact:type[:classifier]:version when not a plain jar.
    private static String coordinate(Element dependency, Map<String, String> properties) {
        String group = required(dependency, "groupId", properties, "<dependency>");
        String artifact = required(dependency, "artifactId", properties, "<dependency>");
        String version = text(dependency, "version", properties);
        if (version == null) {
            throw new UsageException(MAGIC + ": <dependency> " + group + ":" + artifact + " has no <version>;"
                    + " a parent's dependency management is not read here, so name the version");
        }
        String type = text(dependency, "type", properties);
        String classifier = text(dependency, "classifier", properties);
        String extension = type == null ? "jar" : type;
        if (extension.equals("jar") && classifier == null) {
            return group + ":" + artifact + ":" + version;
        }
        return group + ":" + artifact + ":" + extension + (classifier == null ? "" : ":" + classifier) + ":" + version;
    }

    private static String required(Element parent, String tag, Map<String, String> properties, String what) {
        String value = text(parent, tag, properties);
        if (value == null) {
            throw new UsageException(MAGIC + ": a " + what + " has no <" + tag + ">");
        }
        return value;
    }

    // The text of the direct child with that tag, its ${properties} filled in; null when absent or empty.
    private static String text(Element parent, String tag, Map<String, String> properties) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && element.getTagName().equals(tag)) {
                String value = fill(element.getTextContent().strip(), properties);
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static String fill(String value, Map<String, String> properties) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String property = properties.get(m.group(1));
            if (property == null) {
                throw new UsageException(MAGIC + ": ${" + m.group(1) + "} is not among the cell's <properties>");
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(property));
        }
        return m.appendTail(filled).toString();
    }
}
