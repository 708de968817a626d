package jdlab.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import jdlab.kernel.protocol.Channel;
import jdlab.kernel.protocol.Message;

/** Answers kernel_info_request: the language, versions and help links; needs no JShell. */
final class KernelInfo implements RequestHandler {

    private final Wire wire;

    KernelInfo(Wire wire) {
        this.wire = wire;
    }

    @Override
    public void handle(Channel channel, Message request) {
        wire.reply(channel, request, "kernel_info_reply", content());
    }

    private static JsonObject content() {
        JsonObject language = new JsonObject();
        language.addProperty("name", "java");
        language.addProperty("version", Runtime.version().toString());
        language.addProperty("mimetype", "text/x-java-source");
        language.addProperty("file_extension", ".jshell");
        language.addProperty("pygments_lexer", "java");
        language.addProperty("codemirror_mode", "text/x-java");
        JsonArray links = new JsonArray();
        links.add(link("Java " + Runtime.version().feature() + " API",
                "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/"));
        links.add(link("JShell guide", "https://docs.oracle.com/en/java/javase/17/jshell/introduction-jshell.html"));
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("protocol_version", "5.3");
        content.addProperty("implementation", "jdlab");
        content.addProperty("implementation_version", Kernel.VERSION);
        content.add("language_info", language);
        content.addProperty("banner", "jdlab " + Kernel.VERSION + " - Java " + Runtime.version() + " ("
                + System.getProperty("java.vm.name") + "), cells run by JShell");
        content.add("help_links", links);
        content.addProperty("debugger", false);
        return content;
    }

    private static JsonObject link(String text, String url) {
        JsonObject link = new JsonObject();
        link.addProperty("text", text);
        link.addProperty("url", url);
        return link;
    }
}
