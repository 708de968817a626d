"""System.in in cells: each read the cell cannot serve from what it was already given becomes an
input_request on the stdin channel."""
import time

from conftest import collect, execute


def answer_input(kc, msg_id, *answers):
    """Answers the cell's input requests in turn, then collects its run."""
    for answer in answers:
        request = kc.get_stdin_msg(timeout=30)
        assert request["msg_type"] == "input_request"
        assert request["parent_header"]["msg_id"] == msg_id
        kc.input(answer)
    return collect(kc, msg_id)


def test_a_scanner_reads_the_line_the_user_typed(kernel):
    msg_id = kernel.execute('String name = new java.util.Scanner(System.in).nextLine();\n"hello " + name',
                            allow_stdin=True)
    run = answer_input(kernel, msg_id, "Duke")
    assert run.status == "ok"
    assert run.result == '"hello Duke"'


def test_the_input_request_is_a_plain_prompt_not_a_password(kernel):
    msg_id = kernel.execute("new java.util.Scanner(System.in).nextLine()", allow_stdin=True)
    request = kernel.get_stdin_msg(timeout=30)
    kernel.input("x")
    collect(kernel, msg_id)
    assert request["content"]["password"] is False


def test_system_in_read_returns_the_first_byte_of_the_typed_line(kernel):
    msg_id = kernel.execute("int first = System.in.read();\nint second = System.in.read();\nfirst + \",\" + second",
                            allow_stdin=True)
    run = answer_input(kernel, msg_id, "AB")
    assert run.result == '"65,66"'


def test_each_line_the_cell_reads_is_asked_for_separately(kernel):
    msg_id = kernel.execute("var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));\n"
                            'in.readLine() + "+" + in.readLine()', allow_stdin=True)
    run = answer_input(kernel, msg_id, "one", "two")
    assert run.result == '"one+two"'


def test_unicode_input_arrives_intact(kernel):
    msg_id = kernel.execute("new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine()",
                            allow_stdin=True)
    run = answer_input(kernel, msg_id, "grüße 😀")
    assert run.result == '"grüße 😀"'


def test_input_one_cell_left_unread_is_not_served_to_the_next(kernel):
    first = kernel.execute("(char) System.in.read()", allow_stdin=True)
    assert answer_input(kernel, first, "leftover").result == "'l'"
    second = kernel.execute("new java.util.Scanner(System.in).nextLine()", allow_stdin=True)
    assert answer_input(kernel, second, "fresh").result == '"fresh"'


def test_reading_without_allow_stdin_fails_at_once_with_a_clear_error(kernel):
    started = time.monotonic()
    run = execute(kernel, "new java.util.Scanner(System.in).nextLine()", allow_stdin=False, timeout=30)
    assert time.monotonic() - started < 5
    assert run.status == "error"
    assert "allow_stdin" in run.error["evalue"]


def test_system_in_read_without_allow_stdin_fails_at_once(kernel):
    started = time.monotonic()
    run = execute(kernel, "System.in.read()", allow_stdin=False, timeout=30)
    assert time.monotonic() - started < 5
    assert run.status == "error"
    assert "allow_stdin" in run.error["evalue"]
