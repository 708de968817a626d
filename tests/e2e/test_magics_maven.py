"""%maven and %mavenRepo through the installed kernel, against Maven repositories the tests write: real poms
and jars compiled with javac, reached by file:// URL, so nothing goes to the network. Maven Central itself
is mirrored by a settings.xml to such a repository."""
import hashlib
import socket
import subprocess
import zipfile

import pytest

from conftest import ROOT, collect, execute

LENT_JAR = ROOT / "install" / "target" / "lib" / "jdlab-api.jar"

POM = """<project><modelVersion>4.0.0</modelVersion>
<groupId>{group}</groupId><artifactId>{artifact}</artifactId><version>{version}</version>
<dependencies>{dependencies}</dependencies></project>"""
DEPENDENCY = "<dependency><groupId>{}</groupId><artifactId>{}</artifactId><version>{}</version></dependency>"


def write_with_sha1(path, data):
    path.write_bytes(data)
    path.with_name(path.name + ".sha1").write_text(hashlib.sha1(data).hexdigest())


def publish(repo, coordinate, source, dependencies=(), classpath=()):
    """Compiles one Java class in package demo into a jar and publishes it with its pom under repo;
    returns the jar."""
    group, artifact, version = coordinate.split(":")
    folder = repo.joinpath(*group.split("."), artifact, version)
    folder.mkdir(parents=True)
    work = repo.parent / "build" / f"{artifact}-{version}"
    name = source.split("class ")[1].split()[0]
    java = work / "src" / "demo" / f"{name}.java"
    java.parent.mkdir(parents=True)
    java.write_text("package demo; " + source)
    classes = work / "classes"
    subprocess.run(["javac", "-d", str(classes), "-cp", ":".join(map(str, classpath)), str(java)], check=True)
    jar = work / f"{artifact}-{version}.jar"
    subprocess.run(["jar", "cf", str(jar), "-C", str(classes), "."], check=True)
    write_with_sha1(folder / f"{artifact}-{version}.jar", jar.read_bytes())
    deps = "".join(DEPENDENCY.format(*d.split(":")) for d in dependencies)
    pom = POM.format(group=group, artifact=artifact, version=version, dependencies=deps)
    write_with_sha1(folder / f"{artifact}-{version}.pom", pom.encode())
    return jar


def publish_greeter(repo):
    """org.example:greeter:1.0, whose demo.Greeter uses demo.Shout of its dependency org.example:util:1.0."""
    util = publish(repo, "org.example:util:1.0",
                   'public class Shout { public static String loud(String s) { return s.toUpperCase(); } }')
    publish(repo, "org.example:greeter:1.0",
            'public class Greeter { public static String hi(String n) { return Shout.loud("hi " + n); } }',
            dependencies=["org.example:util:1.0"], classpath=[util])


@pytest.fixture()
def repos(tmp_path):
    """A "central" repository (the settings.xml mirrors Maven Central to it), an "other" one, an empty local
    one, and the %env lines that point a kernel at them."""
    central, other = tmp_path / "central", tmp_path / "other"
    publish_greeter(central)
    publish(other, "org.example:extra:1.0", 'public class Extra { public static int answer() { return 42; } }')
    settings = tmp_path / "settings.xml"
    settings.write_text("<settings><mirrors><mirror><id>test-mirror</id><mirrorOf>central</mirrorOf>"
                        f"<url>{central.as_uri()}</url></mirror></mirrors></settings>")
    local = tmp_path / "local"
    env = f"%env maven.repo.local={local}\n%env org.apache.maven.user-settings={settings}"
    return {"central": central, "other": other, "local": local, "env": env}


def test_a_class_is_usable_on_the_next_line_of_the_same_cell(fresh_kernel, repos):
    km, kc = fresh_kernel
    assert execute(kc, repos["env"]).status == "ok"
    run = execute(kc, '%maven org.example:greeter:1.0\ndemo.Greeter.hi("maven")')
    assert run.status == "ok", run.error
    assert run.result == '"HI MAVEN"'
    assert (repos["local"] / "org" / "example" / "util" / "1.0" / "util-1.0.jar").exists()


def test_downloads_show_one_display_updated_in_place_and_local_jars_show_none(fresh_kernel, repos):
    km, kc = fresh_kernel
    execute(kc, repos["env"])
    run = execute(kc, "%maven org.example:greeter:1.0")
    assert run.status == "ok", run.error
    shown = run.of_type("display_data") + run.of_type("update_display_data")
    assert len(run.of_type("display_data")) == 1
    assert {m["content"]["transient"]["display_id"] for m in shown} == {
        run.of_type("display_data")[0]["content"]["transient"]["display_id"]}
    assert shown[-1]["content"]["data"]["text/plain"].startswith("Downloaded 4 files, ")
    assert run.stdout == "" and run.stderr == ""

    again = execute(kc, f"%maven --repo other={repos['other'].as_uri()} org.example:greeter:1.0")
    assert again.status == "ok"
    assert again.of_type("display_data") == [] and again.of_type("update_display_data") == []


def test_several_maven_lines_among_comments_in_one_cell(fresh_kernel, repos):
    km, kc = fresh_kernel
    cell = "\n".join([
        repos["env"],
        "// the greeter, from central (mirrored)",
        "%maven org.example:greeter:1.0",
        "// and one from another repository",
        f"%maven --repo other={repos['other'].as_uri()} org.example:extra:1.0",
        'demo.Greeter.hi("x") + demo.Extra.answer()',
    ])
    run = execute(kc, cell)
    assert run.status == "ok", run.error
    assert run.result == '"HI X42"'


def test_maven_repo_adds_a_repository_for_the_session_and_lists_it(fresh_kernel, repos):
    km, kc = fresh_kernel
    execute(kc, repos["env"])
    assert execute(kc, f"%mavenRepo other {repos['other'].as_uri()}").status == "ok"
    assert execute(kc, "%mavenRepo").result == f"other {repos['other'].as_uri()}"
    run = execute(kc, "%maven org.example:extra:1.0\ndemo.Extra.answer()")
    assert run.status == "ok", run.error
    assert run.result == "42"


def test_offline_resolves_what_the_local_repository_holds(fresh_kernel, tmp_path):
    km, kc = fresh_kernel
    local = tmp_path / "local"
    publish_greeter(local)
    run = execute(kc, f'%env maven.repo.local={local}\n%maven --offline org.example:greeter:1.0\ndemo.Greeter.hi("off")')
    assert run.status == "ok", run.error
    assert run.result == '"HI OFF"'


def test_a_missing_artifact_is_one_line_naming_it_and_where_it_was_looked_for(fresh_kernel, repos):
    km, kc = fresh_kernel
    execute(kc, repos["env"])
    run = execute(kc, "%maven org.example:greeter:1.0 org.example:nowhere:9.9")
    assert run.status == "error"
    assert run.error["traceback"] == [
        f"%maven: org.example:nowhere:9.9 not found; looked in the local repository {repos['local']}"
        f" and test-mirror ({repos['central'].as_uri()})"]
    assert execute(kc, "%classpath").result == "Nothing added; the session sees the JDK, jdlab's API, Tablesaw and DJL."


def test_a_malformed_coordinate_is_one_line(kernel):
    run = execute(kernel, "%maven commons-text")
    assert run.error["traceback"] == [
        "%maven: commons-text is not group:artifact:version (nor group:artifact:extension[:classifier]:version)"]


def test_a_library_the_kernel_lends_cells_keeps_its_version_and_says_so(fresh_kernel, repos):
    km, kc = fresh_kernel
    with zipfile.ZipFile(LENT_JAR) as jar:
        properties = jar.read("META-INF/maven/jdlab/jdlab-api/pom.properties").decode()
    shipped = next(line.split("=")[1] for line in properties.splitlines() if line.startswith("version="))
    publish(repos["central"], "org.example:old:1.0", "public class Old { }",
            dependencies=["jdlab:jdlab-api:0.0.1"])
    execute(kc, repos["env"])
    run = execute(kc, "%maven org.example:old:1.0\n1 + 1")
    assert run.status == "ok", run.error
    assert run.stdout == f"jdlab:jdlab-api:0.0.1 asked for; the kernel ships {shipped} and keeps it\n"
    assert run.result == "2"
    assert [p.rsplit("/", 1)[1] for p in execute(kc, "%classpath").result.splitlines()] == ["old-1.0.jar"]


def test_a_later_request_for_another_version_keeps_the_first(fresh_kernel, repos):
    km, kc = fresh_kernel
    publish(repos["central"], "org.example:util:2.0", "public class Shout2 { }")
    execute(kc, repos["env"])
    assert execute(kc, "%maven org.example:greeter:1.0").status == "ok"
    run = execute(kc, "%maven org.example:util:2.0")
    assert run.status == "ok", run.error
    assert run.stdout == ("org.example:util:2.0 asked for; 1.0 is already on the class path"
                          " (restart the kernel to change it)\n")


def test_lock_reproduces_the_class_path_in_a_fresh_kernel(repos, tmp_path):
    from conftest import start_kernel, stop_kernel
    km, kc = start_kernel()
    try:
        execute(kc, repos["env"])
        execute(kc, f"%mavenRepo other {repos['other'].as_uri()}")
        assert execute(kc, "%maven org.example:greeter:1.0\n%maven org.example:extra:1.0").status == "ok"
        lock = execute(kc, "%maven --lock").result
        before = execute(kc, "%classpath").result.splitlines()
    finally:
        stop_kernel(km, kc)
    assert lock == (f"%mavenRepo other {repos['other'].as_uri()}\n%maven --intransitive"
                    " org.example:greeter:1.0 org.example:util:1.0 org.example:extra:1.0")

    km, kc = start_kernel()
    try:
        elsewhere = tmp_path / "fresh-local"
        env = repos["env"].replace(str(repos["local"]), str(elsewhere))
        run = execute(kc, env + "\n" + lock)
        assert run.status == "ok", run.error
        after = execute(kc, "%classpath").result.splitlines()
    finally:
        stop_kernel(km, kc)
    assert [p.rsplit("/", 1)[1] for p in after] == [p.rsplit("/", 1)[1] for p in before]
    assert all(p.startswith(str(elsewhere)) for p in after)


def test_both_magics_answer_help(kernel):
    for magic in ["%maven", "%mavenRepo"]:
        run = execute(kernel, magic + " --help")
        assert run.result.startswith("Usage: " + magic), run.result
    assert "maven.repo.local" in execute(kernel, "%maven --help").result


def test_an_interrupt_stops_a_resolution_that_hangs_and_adds_nothing(fresh_kernel, repos):
    km, kc = fresh_kernel
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()  # accepts connections and never answers
    try:
        execute(kc, repos["env"])
        port = server.getsockname()[1]
        msg_id = kc.execute(f"%maven --repo silent=http://127.0.0.1:{port}/ org.example:greeter:1.0 org.example:late:1.0")
        server.settimeout(30)
        connection, _ = server.accept()
        km.interrupt_kernel()
        run = collect(kc, msg_id, timeout=10)
        connection.close()
    finally:
        server.close()
    assert run.status == "error"
    assert run.error["traceback"] == ["%maven: interrupted; nothing was added"]
    assert execute(kc, "%classpath").result == "Nothing added; the session sees the JDK, jdlab's API, Tablesaw and DJL."
