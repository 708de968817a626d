"""Standard output and error of cells: streamed while the cell runs, routed to the cell that wrote
them, coalesced, and capped."""
import re
import time

from conftest import collect, execute

LIMIT_PROPERTY = "jdlab.output.limit"


def numbered_lines(count):
    """What `for (int i = 0; i < count; i++) System.out.println(i);` prints."""
    return "".join(f"{i}\n" for i in range(count))


def test_output_is_streamed_while_the_cell_still_runs(kernel):
    sent = time.monotonic()
    msg_id = kernel.execute('System.out.println("before the pause");\n'
                            'Thread.sleep(2000);\n'
                            'System.out.println("after the pause");')
    arrivals = {}
    while "after the pause" not in arrivals:
        msg = kernel.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            arrivals[msg["content"]["text"].strip()] = (time.monotonic() - sent, msg["header"]["date"])
    run = collect(kernel, msg_id)
    first_seen, first_stamp = arrivals["before the pause"]
    last_seen, _ = arrivals["after the pause"]
    # Relative to the cell's 2 s pause, not to the clock: on a busy machine the first line may come
    # late, but it comes while the cell still sleeps, well before the line after the pause.
    assert last_seen - first_seen > 1.0, "the first line waited for the cell to end"
    assert last_seen > 1.9
    assert (run.reply["header"]["date"] - first_stamp).total_seconds() > 1.5


def test_output_of_a_thread_the_cell_started_reaches_the_cell(kernel):
    run = execute(kernel, 'Thread worker = new Thread(() -> System.out.println("from the worker"));\n'
                          "worker.start();\n"
                          "worker.join();")
    assert run.stdout == "from the worker\n"


def test_late_output_of_a_background_thread_goes_to_the_cell_that_started_it(kernel):
    starter = execute(kernel, "new Thread(() -> {\n"
                              "    try { Thread.sleep(800); } catch (InterruptedException e) { }\n"
                              '    System.out.println("late line");\n'
                              "}).start();")
    assert starter.stdout == ""
    started_by = starter.reply["parent_header"]["msg_id"]
    msg_id = kernel.execute("Thread.sleep(2000);")
    late = None
    while late is None:
        msg = kernel.get_iopub_msg(timeout=30)
        if msg["msg_type"] == "stream" and "late line" in msg["content"]["text"]:
            late = msg
    run = collect(kernel, msg_id)
    assert late["parent_header"]["msg_id"] == started_by
    assert run.stdout == ""


def test_stderr_is_its_own_stream(kernel):
    run = execute(kernel, 'System.out.println("to out");\nSystem.err.println("to err");')
    assert run.stdout == "to out\n"
    assert run.stderr == "to err\n"


def test_ten_million_lines_are_capped_and_the_kernel_answers_right_after(kernel):
    started = time.monotonic()
    run = execute(kernel, "for (int i = 0; i < 10_000_000; i++) System.out.println(i);", timeout=120)
    took = time.monotonic() - started
    assert run.status == "ok"
    assert took < 30, f"10 million lines took {took:.1f} s"
    assert run.stdout == numbered_lines(200_000)[:1_000_000]
    assert LIMIT_PROPERTY in run.stderr
    assert len(run.stderr) < 1000
    # Right after: the next cell does not wait for the lines left out to drain; a bound that load cannot reach.
    asked = time.monotonic()
    assert execute(kernel, "1 + 1").result == "2"
    assert time.monotonic() - asked < 10


def test_the_truncation_note_says_how_much_was_left_out_and_how_to_raise_the_cap(kernel):
    run = execute(kernel, "for (int i = 0; i < 200_000; i++) System.out.println(i);")
    everything = numbered_lines(200_000)
    dropped = everything[1_000_000:]
    note = run.stderr
    # Counts are grouped as the kernel's locale groups digits.
    counts = re.search(r"([\d,.\u00a0\u202f]+) more bytes \(([\d,.\u00a0\u202f]+) lines\)", note)
    assert counts, note
    assert [int(re.sub(r"\D", "", c)) for c in counts.groups()] == [len(dropped), dropped.count("\n")]
    assert LIMIT_PROPERTY in note


def test_setting_the_limit_property_raises_the_cap_for_later_cells(kernel):
    try:
        execute(kernel, f'System.setProperty("{LIMIT_PROPERTY}", "3000000");')
        run = execute(kernel, "for (int i = 0; i < 300_000; i++) System.out.println(i);")
        everything = numbered_lines(300_000)
        assert len(everything) > 1_000_000
        assert run.stdout == everything
        assert run.stderr == ""
    finally:
        execute(kernel, f'System.clearProperty("{LIMIT_PROPERTY}");')


def test_fast_printing_is_coalesced_into_few_messages(kernel):
    run = execute(kernel, "for (int i = 0; i < 10_000; i++) System.out.println(i);")
    assert run.stdout == numbered_lines(10_000)
    assert len(run.of_type("stream")) <= 50


def test_output_without_a_final_newline_arrives_when_the_cell_ends(kernel):
    assert execute(kernel, 'System.out.print("no newline");').stdout == "no newline"


def test_text_outside_ascii_arrives_intact(kernel):
    run = execute(kernel, 'for (int i = 0; i < 2000; i++) System.out.print("grüße 😀 ");')
    assert run.stdout == "grüße 😀 " * 2000
