"""%%launch and %train --workers against a real standalone Spark cluster: a master and a worker started
from the Spark jars the kernelspec ships, as separate JVMs on loopback, and torn down after the test."""
import os
import socket
import subprocess
import time

import pytest

from conftest import JAVA, execute, start_kernel, stop_kernel
from test_launch import PACED_BODY, assert_printed_as_they_went
from test_train import define_digits


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} within {seconds} s"
        time.sleep(0.3)


@pytest.fixture(scope="module")
def cluster(kernelspec, tmp_path_factory):
    """A standalone master and one worker of 2 cores; yields the master's URL."""
    home = tmp_path_factory.mktemp("spark-home")
    (home / "jars").mkdir()
    for jar in (kernelspec / "lib" / "spark").glob("*.jar"):  # Spark finds its classes in SPARK_HOME/jars
        if not jar.name.startswith("jdlab-"):  # jdlab-launch reaches executors with the lent jars, by spark.jars
            (home / "jars" / jar.name).symlink_to(jar)
    env = dict(os.environ, SPARK_HOME=str(home), SPARK_SCALA_VERSION="2.13", SPARK_LOCAL_IP="127.0.0.1")
    classpath = str(home / "jars" / "*")
    port = free_port()
    url = f"spark://127.0.0.1:{port}"
    logs = [open(home / name, "w") for name in ("master.log", "worker.log")]
    master = subprocess.Popen([JAVA, "-Xmx256m", "-cp", classpath, "org.apache.spark.deploy.master.Master",
                               "--host", "127.0.0.1", "--port", str(port), "--webui-port", str(free_port())],
                              env=env, stdout=logs[0], stderr=subprocess.STDOUT)
    worker = subprocess.Popen([JAVA, "-Xmx256m", "-cp", classpath, "org.apache.spark.deploy.worker.Worker",
                               "--host", "127.0.0.1", "--cores", "2", "--memory", "1g",
                               "--webui-port", str(free_port()), "--work-dir", str(home / "work"), url],
                              env=env, stdout=logs[1], stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: "Successfully registered with master" in (home / "worker.log").read_text(), 60,
                 "the worker registers with the master")
        yield home / "master.log", url
    finally:
        for process in (worker, master):  # the kernel's Spark context has left: its executor is gone too
            process.terminate()
        for process in (worker, master):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()


def test_the_same_launch_cell_runs_on_a_standalone_cluster_with_earlier_cells(cluster):
    master_log, url = cluster
    km, kc = start_kernel()
    stopped = False
    try:
        for cell in ['float[] base = {1, 2, 3};', 'int square(int x) { return x * x; }',
                     'record Scale(float by) implements java.io.Serializable { }', 'Scale scale = new Scale(2);']:
            assert execute(kc, cell).status == "ok"
        run = execute(kc, f"""%%launch --workers 2 --master {url}
float[] v = base.clone();
for (int i = 0; i < v.length; i++) v[i] = v[i] * scale.by() * (rank + 1) + square(rank);
allReduce(v, SUM);
out.println(rank + "/" + worldSize + " " + java.util.Arrays.toString(v) + " pid " + ProcessHandle.current().pid());""",
                      timeout=150)
        assert run.status == "ok", (run.error, run.stderr[-2000:])
        kernel_pid = execute(kc, "ProcessHandle.current().pid()").result
        lines = run.stdout.splitlines()
        assert sorted(line.split(" pid ")[0] for line in lines) == ["[rank 0] 0/2 [7.0, 13.0, 19.0]",
                                                                     "[rank 1] 1/2 [7.0, 13.0, 19.0]"]
        assert all(line.split(" pid ")[1] != kernel_pid for line in lines)  # the ranks ran in the worker's executor
        assert_printed_as_they_went(execute(kc, f"%%launch --workers 2 --master {url}\n" + PACED_BODY, timeout=60))
        # %train --workers on the same cluster: the examples, the builder and rank 0's weights travel
        define_digits(kc)
        run = execute(kc, f'%train "mlp(16)" --workers 2 --into clustered --master {url} --data train --validate test'
                          ' --epochs 2 --batch 64 --optimizer sgd --lr 0.1 --seed 1 --history clusteredHistory', timeout=300)
        assert run.status == "ok", (run.error, run.stderr[-2000:])
        assert "[rank 0] trained 2 epochs in " in run.stdout and "[rank 1] trained 2 epochs in " in run.stdout
        frames = [u["content"]["data"]["text/plain"] for u in run.of_type("update_display_data")]
        assert any("trained 2 epochs" in f and "val_accuracy" in f for f in frames), "rank 0's live view, drawn here"
        assert "jdlab-progress" not in run.stdout
        assert execute(kc, "%evaluate clustered --data test --result scored", timeout=120).status == "ok"
        recorded = float(execute(kc, 'clusteredHistory.doubleColumn("val_accuracy").get(1)').result)
        assert abs(float(execute(kc, "scored.accuracy()").result) - recorded) < 1e-6
        session = execute(kc, "%spark").result
        assert session.startswith(f"master: {url}")
        stop_kernel(km, kc)
        stopped = True
        # the kernel stopped its Spark context on shutdown: the application unregistered itself
        wait_for(lambda: "Received unregister request from application" in master_log.read_text(), 30,
                 "the kernel's Spark context unregisters at shutdown")
    finally:
        if not stopped:
            stop_kernel(km, kc)
