"""Requests a front end makes about code rather than to run it: complete, inspect, is_complete,
history, and comms."""
import uuid

import pytest

from conftest import execute, shell_reply


def request(kc, method, *args, **kwargs):
    msg_id = getattr(kc, method)(*args, **kwargs)
    reply = shell_reply(kc)
    assert reply["parent_header"]["msg_id"] == msg_id
    return reply["content"]


@pytest.fixture(scope="module")
def declared(kernel):
    """Names a user declared in an earlier cell."""
    run = execute(kernel, "int myCounter = 3;\nString greetUser(String name) { return \"hi \" + name; }")
    assert run.status == "ok"
    return kernel


def test_completion_offers_jshell_suggestions_and_the_span_they_replace(kernel):
    reply = request(kernel, "complete", "Math.ma")
    assert reply["status"] == "ok"
    assert "max(" in reply["matches"]
    assert (reply["cursor_start"], reply["cursor_end"]) == (5, 7)


def test_completion_at_a_cursor_inside_the_code_completes_there(kernel):
    reply = request(kernel, "complete", "Math.ma + 1", 7)
    assert "max(" in reply["matches"]
    assert (reply["cursor_start"], reply["cursor_end"]) == (5, 7)


def test_completion_includes_variables_declared_in_earlier_cells(declared):
    reply = request(declared, "complete", "myCo")
    assert reply["matches"] == ["myCounter"]
    assert (reply["cursor_start"], reply["cursor_end"]) == (0, 4)


def test_completion_includes_methods_declared_in_earlier_cells(declared):
    reply = request(declared, "complete", "greetU")
    assert reply["matches"] == ["greetUser("]


def test_completion_positions_count_code_points_past_characters_outside_the_bmp(kernel):
    code = 'String s = "😀😀"; s.len'
    reply = request(kernel, "complete", code, len(code))
    assert "length()" in reply["matches"]
    assert (reply["cursor_start"], reply["cursor_end"]) == (len(code) - 3, len(code))


def test_completion_inside_code_after_an_emoji_uses_code_points_for_the_cursor_too(kernel):
    code = 'String t = "😀"; t.isEmp + "😀"'
    cursor = code.index("isEmp") + len("isEmp")
    reply = request(kernel, "complete", code, cursor)
    assert "isEmpty()" in reply["matches"]
    assert (reply["cursor_start"], reply["cursor_end"]) == (code.index("isEmp"), cursor)


def test_inspecting_a_jdk_method_shows_its_signatures(kernel):
    reply = request(kernel, "inspect", "Math.max", len("Math.max"))
    assert reply["status"] == "ok"
    assert reply["found"] is True
    assert "int Math.max(int a, int b)" in reply["data"]["text/plain"]


def test_inspecting_with_the_cursor_inside_a_call_shows_the_method(kernel):
    reply = request(kernel, "inspect", "Math.max(1, 2)", 6)
    assert reply["found"] is True
    assert "Math.max(" in reply["data"]["text/plain"]


def test_inspecting_a_method_declared_in_an_earlier_cell_shows_its_signature(declared):
    reply = request(declared, "inspect", "greetUser", len("greetUser"))
    assert reply["found"] is True
    assert "String greetUser(String name)" in reply["data"]["text/plain"]


def test_inspecting_an_unknown_name_finds_nothing(kernel):
    reply = request(kernel, "inspect", "noSuchThingAnywhere", 10)
    assert reply["status"] == "ok"
    assert reply["found"] is False
    assert reply["data"] == {}


@pytest.mark.parametrize("code", ["int x = 1;", "System.out.println(1);\nint y = 2;", ""])
def test_finished_code_is_complete(kernel, code):
    assert request(kernel, "is_complete", code) == {"status": "complete"}


@pytest.mark.parametrize("code, indent", [
    ("for (int i = 0; i < 3; i++) {", "    "),
    ("if (true) {\n    while (false) {", "        "),
])
def test_an_open_block_is_incomplete_with_an_indent_for_the_next_line(kernel, code, indent):
    assert request(kernel, "is_complete", code) == {"status": "incomplete", "indent": indent}


@pytest.mark.parametrize("code", ["int x = ;", ")"])
def test_code_that_cannot_parse_is_invalid(kernel, code):
    assert request(kernel, "is_complete", code) == {"status": "invalid"}


@pytest.fixture(scope="module")
def three_cells(kernel):
    """Three cells run one after another; returns (session, [(line, input)])."""
    marker = uuid.uuid4().hex
    cells = [f'String history{i} = "{marker}-{i}";' for i in range(3)]
    lines = [execute(kernel, cell).content["execution_count"] for cell in cells]
    tail = request(kernel, "history", hist_access_type="tail", n=1, raw=True, output=False)
    return tail["history"][-1][0], list(zip(lines, cells)), marker


def test_history_tail_gives_the_last_cells_in_order(kernel, three_cells):
    session, cells, _ = three_cells
    reply = request(kernel, "history", hist_access_type="tail", n=3, raw=True, output=False)
    assert reply["status"] == "ok"
    assert reply["history"] == [[session, line, code] for line, code in cells]


def test_history_range_gives_the_cells_of_this_session_between_two_lines(kernel, three_cells):
    session, cells, _ = three_cells
    first, last = cells[0][0], cells[-1][0]
    reply = request(kernel, "history", hist_access_type="range", session=0, start=first, stop=last,
                    raw=True, output=False)
    assert reply["history"] == [[session, line, code] for line, code in cells[:-1]]


def test_history_search_finds_cells_by_glob(kernel, three_cells):
    session, cells, marker = three_cells
    reply = request(kernel, "history", hist_access_type="search", pattern=f"*{marker}-1*", raw=True, output=False)
    assert reply["history"] == [[session, cells[1][0], cells[1][1]]]


def test_history_with_output_pairs_each_input_with_an_output_slot(kernel, three_cells):
    session, cells, _ = three_cells
    reply = request(kernel, "history", hist_access_type="tail", n=1, raw=True, output=True)
    [[entry_session, line, (code, _output)]] = reply["history"]
    assert (entry_session, line, code) == (session, cells[-1][0], cells[-1][1])


def test_comm_info_lists_no_comms(kernel):
    assert request(kernel, "comm_info") == {"status": "ok", "comms": {}}


def test_opening_a_comm_to_an_unknown_target_closes_it(kernel):
    comm_id = uuid.uuid4().hex
    message = kernel.session.msg("comm_open", {"comm_id": comm_id, "target_name": "no.such.target", "data": {}})
    kernel.shell_channel.send(message)
    while True:
        msg = kernel.get_iopub_msg(timeout=10)
        if msg["msg_type"] == "comm_close":
            break
    assert msg["content"]["comm_id"] == comm_id
    assert msg["parent_header"]["msg_id"] == message["header"]["msg_id"]
