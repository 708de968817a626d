package jdlab.magics.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdlab.api.KernelContext;
import jdlab.api.MimeBundle;
import jdlab.api.UsageException;
import jdlab.api.Variable;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;
import jdlab.serve.ModelServer;
import jdlab.serve.ServeOptions;
import jdlab.serve.Servers;
import jdlab.serve.Watch;
import org.apache.commons.text.StringEscapeUtils;

/** {@code %serve}: starts, lists, watches and stops the kernel's model servers ({@link Servers}). */
public final class ServeMagic implements Magic {

    private static final ArgSpec ARGS = ArgSpec.line("serve",
                    "Serve a trained model over HTTP from the kernel: a JSON predict API with dynamic batching and"
                            + " Prometheus metrics.")
            .optionalPositional("model", "a variable holding a trained DJL Model or Block, or the path of an .onnx"
                    + " file; after --stop or --watch, the NAME of a server")
            .option("port", 'p', Integer.class, "0", "the port to listen on; 0 takes a free one")
            .option("host", '\0', String.class, "127.0.0.1", "the address to bind; loopback keeps it to this machine")
            .option("engine", 'e', String.class, null, "djl or onnx (default: djl for a DJL model, onnx for a file;"
                    + " onnx serves a DJL model exported to a temporary file)")
            .option("max-batch", '\0', Integer.class, "32", "the most rows a batch gathers, 1 to 1024")
            .option("max-delay", '\0', Integer.class, "5", "the most milliseconds a request waits for others to join"
                    + " its batch, 0 to 1000")
            .option("workers", 'w', Integer.class, "1", "how many batches run side by side, 1 to 64")
            .option("name", 'n', String.class, null, "the model's name in /predictions/NAME (default: the variable's,"
                    + " or the file's without .onnx)")
            .flag("list", 'l', "list the running servers")
            .flag("stop", '\0', "stop the server NAME, or every one with --all")
            .flag("all", '\0', "with --stop: every server")
            .flag("watch", '\0', "show the live dashboard of the server NAME: requests/s, latency p50/p95/p99,"
                    + " batch sizes and errors")
            .option("seconds", 's', Integer.class, "60", "how long --watch watches, 1 to 3600 (an interrupt ends it"
                    + " sooner)")
            .notes("Example: %serve net --max-batch 64 --max-delay 2, then POST {\"instances\": [[...784 numbers]]}"
                            + " to http://127.0.0.1:PORT/predictions/net; the answer is {\"predictions\": [...]}, a"
                            + " label with its probabilities for a classifier, values for a regressor.",
                    "GET /models describes the model, GET /health answers {\"status\": \"ok\"}, GET /metrics gives the"
                            + " Prometheus metrics jdlab_serve_* labelled model=NAME. A bad request gets a 4xx and"
                            + " {\"error\": \"reason\"}; a full queue, 503.",
                    "Servers outlive %reset and stop with the kernel. From Java: Servers.start(net,"
                            + " ServeOptions.named(\"net\")), Servers.stop(\"net\").")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws Exception {
        String word = args.string("model");
        if (args.flag("list")) {
            return Servers.list().isEmpty() ? "No model is served." : Servers.table();
        }
        if (args.flag("stop")) {
            return stop(args, word);
        }
        if (args.flag("all")) {
            throw args.error("--all goes with --stop: %serve --stop --all");
        }
        if (args.flag("watch")) {
            return watch(args, word, context);
        }
        if (word == null) {
            throw args.error("MODEL is needed: a variable holding a trained model, or an .onnx file");
        }
        Object model = model(args, word, context);
        String name = args.given("name", String.class).orElse(model instanceof Path file
                ? file.getFileName().toString().replaceFirst("\\.onnx$", "") : word);
        ModelServer server;
        try {
            server = Servers.start(model, new ServeOptions(name, args.string("host"), args.integer("port"),
                    args.string("engine"), args.integer("max-batch"), Duration.ofMillis(args.integer("max-delay")),
                    args.integer("workers")));
        } catch (IllegalArgumentException e) {
            throw args.error(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("%serve: cannot listen on " + args.string("host") + ":" + args.integer("port")
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        }
        return address(server);
    }

    private static Object stop(Args args, String name) throws Exception {
        if (args.flag("all")) {
            List<String> stopped = Servers.stopAll();
            return stopped.isEmpty() ? "No model was served." : "Stopped " + String.join(", ", stopped) + ".";
        }
        if (name == null) {
            throw args.error("--stop needs the NAME of a server, or --all");
        }
        if (!Servers.stop(name)) {
            throw args.error("no server is named " + name + running());
        }
        return "Stopped " + name + ".";
    }

    static String running() {
        List<ModelServer> all = Servers.list();
        return all.isEmpty() ? "; none is running" : "; running: "
                + String.join(", ", all.stream().map(ModelServer::name).toList());
    }

    // A variable of the session (a path held in one reads as that file), else the path of an .onnx file.
    private static Object model(Args args, String word, KernelContext context) {
        for (Variable variable : context.variables()) {
            if (variable.name().equals(word)) {
                Object value = variable.value();
                return value instanceof Path file ? file.toAbsolutePath()
                        : value instanceof String path && path.endsWith(".onnx") ? Path.of(path).toAbsolutePath() : value;
            }
        }
        Path file = Path.of(word);
        if (Files.isRegularFile(file)) {
            return file.toAbsolutePath();
        }
        throw args.error("no variable " + word + " is defined, and no file " + word + " exists");
    }

    private static MimeBundle address(ModelServer server) {
        String url = server.predictionsUrl().toString();
        String text = "Serving " + server + "\nPOST " + url + " · GET " + server.url() + "models · " + server.url()
                + "health · " + server.url() + "metrics";
        String html = "Serving <b>" + escape(server.name()) + "</b> (" + escape(server.engine()) + ") at <a href=\""
                + escape(url) + "\" target=\"_blank\">" + escape(url) + "</a> · <a href=\"" + escape(server.url()
                + "metrics") + "\" target=\"_blank\">metrics</a><br><code>" + escape(server.toString()) + "</code>";
        return new MimeBundle().put("text/plain", text).put("text/html", html);
    }

    private static String escape(String text) {
        return StringEscapeUtils.escapeHtml4(text);
    }

    // --watch NAME: the dashboard of a running server, until --seconds pass or an interrupt.
    private static String watch(Args args, String name, KernelContext context) throws InterruptedException {
        if (name == null) {
            throw args.error("--watch needs the NAME of a server");
        }
        ModelServer server = Servers.get(name);
        if (server == null) {
            throw args.error("no server is named " + name + running());
        }
        int seconds = args.integer("seconds");
        if (seconds < 1 || seconds > 3600) {
            throw args.error("--seconds must be 1 to 3600, not " + seconds);
        }
        return Watch.run(server, Duration.ofSeconds(seconds), context);
    }
}
