package jdlab.magics.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdlab.api.KernelContext;
import jdlab.api.UsageException;
import jdlab.magics.ArgSpec;
import jdlab.magics.Args;
import jdlab.magics.Magic;

/**
 * {@code %%sh} and {@code %%bash}: runs the cell with the shell the magic is named after, streaming its
 * output line by line as it comes. A {@code !command} line runs as a one-line {@code %%sh} cell.
 *
 * <p>A non-zero exit status is an error. On interrupt the script and everything it started get
 * SIGINT, then SIGTERM, then SIGKILL, a second apart, so no process outlives the cell.
 */
public final class ScriptMagic implements Magic {

    private static final long GRACE_MILLIS = 1000;

    private static final ArgSpec ARGS = ArgSpec.cell("sh",
                    "Run the cell with the shell the magic is named after, sh or bash, streaming its output.")
            .alias("bash")
            .notes("A line !command among Java lines runs as a one-line %%sh cell.")
            .build();

    @Override
    public ArgSpec args() {
        return ARGS;
    }

    @Override
    public Object run(Args args, String body, KernelContext context) throws IOException, InterruptedException {
        return run(args.invocation().substring("%%".length()), args.invocation(), body, context);
    }

    /**
     * Runs a script with a shell, as {@code %%sh} does, for another magic that runs shell commands.
     *
     * @param invocation how the user called it, for the one-line errors
     * @return {@code null}: the output is streamed
     */
    static Object run(String shell, String invocation, String body, KernelContext context)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(shell, "-c", body).start();
        process.getOutputStream().close();
        Thread out = pump(process.getInputStream(), System.out);
        Thread err = pump(process.getErrorStream(), System.err);
        // Polled, not blocked on: the kernel's interrupt reaches plugins through context.interrupted().
        while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
            if (context.interrupted()) {
                stop(process);
                throw new UsageException(invocation + ": interrupted; the script and its children were stopped");
            }
        }
        out.join();
        err.join();
        if (process.exitValue() != 0) {
            throw new UsageException(invocation + ": the script exited with status " + process.exitValue());
        }
        return null;
    }

    // Started from the cell's thread, so the pump inherits the cell's output streams.
    private static Thread pump(InputStream from, PrintStream to) {
        Thread pump = new Thread(() -> {
            try {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // The process is gone; whatever it wrote has been passed on.
            }
        }, "jdlab-script-output");
        pump.setDaemon(true);
        pump.start();
        return pump;
    }

    private static void stop(Process process) throws IOException, InterruptedException {
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        List<String> kill = new java.util.ArrayList<>(List.of("kill", "-INT"));
        tree.forEach(p -> kill.add(Long.toString(p.pid())));
        new ProcessBuilder(kill).start().waitFor();
        if (!process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
            tree.forEach(ProcessHandle::destroy);
            if (!process.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
            }
        }
        tree.forEach(ProcessHandle::destroyForcibly); // children that outlived their parent's exit
    }
}
