"""%devices and %gpu: the engine, its CPU threads, and the GPUs, or why there is none."""
import shutil

from conftest import execute


def test_devices_names_the_engine_the_threads_and_the_gpus_or_why_none(kernel):
    run = execute(kernel, "%devices", timeout=120)
    assert run.status == "ok", run.error
    lines = run.result.splitlines()
    assert lines[0] == "Engine: PyTorch 2.7.1 (cpu natives)"
    # The tests pin OpenMP to one thread (conftest), and the report says how to change it.
    assert lines[1].endswith("cores, 1 intra-op thread (set with -Dai.djl.pytorch.num_threads=N, or OMP_NUM_THREADS)")
    if shutil.which("nvidia-smi") is None:
        assert lines[2].startswith("No GPU visible: this machine has no NVIDIA driver")
    else:
        assert lines[2].startswith("No GPU visible: the ")  # the kernel ships CPU natives


def test_gpu_is_the_same_report(kernel):
    assert execute(kernel, "%gpu", timeout=120).result == execute(kernel, "%devices", timeout=120).result
