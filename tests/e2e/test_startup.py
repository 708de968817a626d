"""What a kernel start loads, and from where: the class-data archive the install records from a
real session holds the kernel's own classes, and Jupyter's command line does not load picocli."""
import json
import os

from jupyter_client.manager import KernelManager

from conftest import KERNEL_NAME, execute, java_feature, stop_kernel


def test_the_kernelspec_starts_from_its_class_data_archive_or_on_25_its_aot_cache(kernelspec):
    argv = json.loads((kernelspec / "kernel.json").read_text())["argv"]
    archive = ("-XX:AOTCache=", "jdlab.aot") if java_feature(argv[0]) >= 25 else ("-XX:SharedArchiveFile=", "jdlab.jsa")
    assert f"{archive[0]}{kernelspec / archive[1]}" in argv
    assert (kernelspec / archive[1]).stat().st_size > 0


def test_a_start_and_first_cell_map_the_kernel_s_classes_and_skip_picocli(tmp_path):
    loaded = tmp_path / "classes.txt"
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(env={**os.environ, "JAVA_TOOL_OPTIONS": f"-Xlog:class+load=info:file={loaded}"})
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        assert execute(kc, "1 + 1").result == "2"
    finally:
        stop_kernel(km, kc)
    lines = loaded.read_text().splitlines()
    source = {line.split()[1]: line.split(" source: ")[1] for line in lines if " source: " in line}
    for kernel_class in ("jdlab.kernel.Kernel", "jdlab.kernel.protocol.WireCodec", "org.zeromq.ZMQ",
                         "com.google.gson.Gson", "jdlab.magics.MagicRegistry", "jdk.jshell.JShell"):
        assert source.get(kernel_class, "").startswith("shared objects file"), (kernel_class, source.get(kernel_class))
    # picocli's Java 5 classes cannot be archived; the command line model is not built (a magic's
    # code names a few of its exception classes, which verification loads)
    picocli = [name for name in source if name.startswith("picocli.")]
    assert "picocli.CommandLine" not in picocli and len(picocli) < 10, picocli
    # ASM, also compiled for Java 5, and ExitRefusal's classes that extend it load from the jar, on a
    # thread of their own beside the start
    from_jar = [name for name, where in source.items() if where.startswith("file:") and where.endswith("jdlab.jar")
                and not name.startswith(("org.objectweb.asm.", "jdlab.kernel.io.ExitRefusal"))]
    assert len(from_jar) < 20, from_jar
