"""Progress bars in cells: one output per bar, updated in place at most about ten times a second,
a final update with the final count, and a bar that ends where an interrupted loop stopped."""
import re
import time

from conftest import TEXT_CLIENTS_HTML, collect, execute

# A million steps paced at 2 µs each, so that the loop runs about two seconds however fast the machine.
PACED_MILLION = """var p = progress(1_000_000, "steps");
long start = System.nanoTime();
for (int i = 0; i < 1_000_000; i++) {
    while (System.nanoTime() - start < i * 2_000L) { }
    p.step();
}
p.close();"""


def count_shown(plain_text):
    """The count in a bar's plain-text line (`label  45% |████     | 450/1000 [...]`)."""
    return int(re.search(r"(\d+)/\d+ \[", plain_text).group(1))


def bar_messages(run):
    """The bar's display_data and its update_display_data messages, in order; not the final line shown
    once more for text clients."""
    return [m for m in run.messages if m["msg_type"] in ("display_data", "update_display_data")
            and m["content"]["data"].get("text/html") != TEXT_CLIENTS_HTML]


def test_a_text_client_sees_the_bars_final_line_and_a_notebook_nothing_more(kernel):
    run = execute(kernel, 'try (var p = progress(96, "steps")) { for (int i = 0; i < 96; i++) { p.step(); } }')
    assert run.status == "ok", run.error
    shown = run.of_type("display_data")  # what jupyter console prints; it ignores update_display_data
    assert "0/96" in shown[0]["content"]["data"]["text/plain"]
    final = shown[-1]["content"]["data"]
    assert "100% |████████████████████| 96/96 [" in final["text/plain"]
    assert final["text/html"] == TEXT_CLIENTS_HTML, "hidden in a notebook, which shows the updated bar"


def test_a_million_steps_update_one_output_a_few_times_a_second(kernel):
    sent = time.monotonic()
    run = execute(kernel, PACED_MILLION)
    runtime = time.monotonic() - sent
    assert run.status == "ok", run.error
    shown, *updates = bar_messages(run)
    assert shown["msg_type"] == "display_data"
    display_id = shown["content"]["transient"]["display_id"]
    assert all(u["msg_type"] == "update_display_data" for u in updates)
    assert {u["content"]["transient"]["display_id"] for u in updates} == {display_id}
    assert 5 <= len(updates) <= 10 * runtime + 2, f"{len(updates)} updates in {runtime:.1f} s"
    final = updates[-1]["content"]["data"]
    assert "100% |████████████████████| 1000000/1000000 [" in final["text/plain"]
    assert "1000000/1000000" in final["text/html"]
    counts = [count_shown(u["content"]["data"]["text/plain"]) for u in updates]
    assert counts == sorted(counts) and counts[0] < 1_000_000


def test_the_bar_opens_at_zero_with_html_and_plain_text(kernel):
    run = execute(kernel, 'try (var p = progress(5, "a <b>")) { }')
    assert run.status == "ok", run.error
    shown = run.of_type("display_data")[0]["content"]["data"]
    assert shown["text/plain"].startswith("a <b>    0% |")
    assert "a &lt;b&gt;" in shown["text/html"] and "0/5" in shown["text/html"]


def test_looping_over_progress_of_a_list_counts_each_item_and_closes(kernel):
    run = execute(kernel, 'int sum = 0;\nfor (int x : progress(java.util.List.of(1, 2, 3), "items")) { sum += x; }\nsum')
    assert run.status == "ok", run.error
    assert run.result == "6"
    shown, *updates = bar_messages(run)
    assert "0/3" in shown["content"]["data"]["text/plain"]
    assert updates[-1]["content"]["transient"] == shown["content"]["transient"]
    assert updates[-1]["content"]["data"]["text/plain"].startswith("items  100% |████████████████████| 3/3 [")


def test_a_bar_without_a_total_counts_steps(kernel):
    run = execute(kernel, 'try (var p = progress("lines")) { p.step(40); p.step(); p.step(); }')
    assert run.status == "ok", run.error
    assert bar_messages(run)[-1]["content"]["data"]["text/plain"].startswith("lines 42 it [")


def test_a_negative_total_is_a_one_line_error(kernel):
    run = execute(kernel, 'progress(-1, "rows")')
    assert run.status == "error"
    assert run.error["ename"] == "java.lang.IllegalArgumentException"
    assert "progress(label)" in run.error["evalue"]


def test_no_progress_thread_is_left_after_close(kernel):
    code = ('try (var p = progress(10, "x")) { p.step(10); }\nThread.sleep(500);\n'
            'Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("jdlab-progress")).count()')
    run = execute(kernel, code)
    assert run.status == "ok", run.error
    assert run.result == "0"


def test_an_interrupted_loop_leaves_its_bar_where_it_stopped(fresh_kernel):
    km, kc = fresh_kernel
    msg_id = kc.execute('var p = progress(1_000_000_000L, "forever");\nwhile (true) { p.step(); }')
    display_id = None
    while True:  # interrupt once the bar has moved
        msg = kc.get_iopub_msg(timeout=30)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "display_data":
            display_id = msg["content"]["transient"]["display_id"]
        if msg["msg_type"] == "update_display_data":
            break
    km.interrupt_kernel()
    run = collect(kc, msg_id)
    assert run.status == "error"
    late = []
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        try:
            late.append(kc.get_iopub_msg(timeout=max(0.05, deadline - time.monotonic())))
        except Exception:  # queue.Empty: nothing more came
            break
    updates = [m for m in bar_messages(run) + late
               if m["msg_type"] == "update_display_data" and m["content"]["transient"]["display_id"] == display_id]
    last = updates[-1]["content"]["data"]["text/plain"]
    assert last.endswith(" interrupted"), last
    stopped_at = count_shown(last)
    assert 0 < stopped_at < 1_000_000_000
    assert execute(kc, "p.count()").result == str(stopped_at)
    check = execute(kc, 'Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("jdlab-progress")).count()')
    assert check.result == "0"
    assert not [m for m in check.messages if m["msg_type"] == "update_display_data"]
