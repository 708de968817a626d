"""Execute requests: what cells leave behind for later cells, execution counts, and the IOPub and
reply traffic around each request."""
from conftest import collect, execute


def ok(kc, code, **kwargs):
    run = execute(kc, code, **kwargs)
    assert run.status == "ok", run.error
    return run


def test_a_variable_declared_in_one_cell_is_visible_in_the_next(kernel):
    ok(kernel, "int carried = 41;")
    assert ok(kernel, "carried + 1").result == "42"


def test_an_import_stays_in_effect_for_later_cells(kernel):
    ok(kernel, "import java.util.concurrent.atomic.AtomicInteger;")
    assert ok(kernel, "new AtomicInteger(5).incrementAndGet()").result == "6"


def test_methods_and_classes_declared_in_one_cell_are_usable_in_the_next(kernel):
    ok(kernel, "record Point(int x, int y) { int sum() { return x + y; } }\n"
               "Point mirror(Point p) { return new Point(p.y(), p.x()); }")
    assert ok(kernel, "mirror(new Point(1, 2))").result == "Point[x=2, y=1]"


def test_redefining_a_method_replaces_it_for_callers_declared_earlier(kernel):
    ok(kernel, "int base() { return 1; }\nint viaBase() { return base() * 10; }")
    ok(kernel, "int base() { return 2; }")
    assert ok(kernel, "viaBase()").result == "20"


def test_redeclaring_a_variable_with_another_type_replaces_it(kernel):
    ok(kernel, "int shifty = 5;")
    ok(kernel, 'String shifty = "now text";')
    assert ok(kernel, "shifty").result == '"now text"'


def test_a_method_may_call_one_that_a_later_cell_declares(kernel):
    ok(kernel, "int callsLater() { return declaredLater() + 1; }")
    ok(kernel, "int declaredLater() { return 99; }")
    assert ok(kernel, "callsLater()").result == "100"


def test_calling_a_method_whose_dependency_is_missing_names_the_missing_declaration(kernel):
    ok(kernel, "int needsHelper() { return missingHelper(); }")
    run = execute(kernel, "needsHelper()")
    assert run.status == "error"
    assert "missingHelper" in run.error["evalue"]


def test_every_snippet_of_a_cell_runs_and_the_trailing_expression_becomes_the_result(kernel):
    run = ok(kernel, "import java.util.*;\n"
                     "class Box {\n"
                     "    final List<Integer> items;\n"
                     "    Box(List<Integer> items) { this.items = items; }\n"
                     "    public String toString() { return \"Box\" + items; }\n"
                     "}\n"
                     "int twice(int n) { return 2 * n; }\n"
                     "List<Integer> boxed = new ArrayList<>();\n"
                     "boxed.add(twice(3));\n"
                     "boxed.add(twice(4));\n"
                     "new Box(boxed)")
    results = run.of_type("execute_result")
    assert len(results) == 1
    assert results[0]["content"]["data"]["text/plain"] == "Box[6, 8]"
    assert results[0]["content"]["execution_count"] == run.content["execution_count"]


def test_the_result_is_the_live_object_evaluated_once(kernel):
    ok(kernel, "class Tick {\n"
               "    static int made;\n"
               "    final int serial = ++made;\n"
               "    public String toString() { return \"tick #\" + serial + \" of \" + made; }\n"
               "}")
    assert ok(kernel, "new Tick()").result == "tick #1 of 1"
    assert ok(kernel, "Tick.made").result == "1"


def test_a_cell_ending_in_a_declaration_has_no_result(kernel):
    run = ok(kernel, "int declaredOnly = 3;")
    assert run.of_type("execute_result") == []


def test_the_execution_count_goes_up_by_one_per_cell(kernel):
    first = ok(kernel, "1")
    second = ok(kernel, "2")
    assert second.content["execution_count"] == first.content["execution_count"] + 1
    [echo] = second.of_type("execute_input")
    assert echo["content"]["execution_count"] == second.content["execution_count"]


def test_a_silent_cell_runs_without_echo_or_result_and_keeps_the_count(kernel):
    before = ok(kernel, "int silentTarget = 0;")
    silent = ok(kernel, "silentTarget = 12;\nsilentTarget * 2", silent=True)
    assert silent.of_type("execute_input") == []
    assert silent.of_type("execute_result") == []
    after = ok(kernel, "silentTarget")
    assert after.result == "12"
    assert after.content["execution_count"] == before.content["execution_count"] + 1


def test_a_cell_not_stored_in_history_keeps_the_count_and_stays_out_of_history(kernel):
    before = ok(kernel, "int unstored = 0;")
    ok(kernel, "unstored = 7; // not-in-history-marker", store_history=False)
    after = ok(kernel, "unstored")
    assert after.result == "7"
    assert after.content["execution_count"] == before.content["execution_count"] + 1
    kernel.history(hist_access_type="search", pattern="*not-in-history-marker*", raw=True, output=False)
    assert kernel.get_shell_msg(timeout=10)["content"]["history"] == []


def test_user_expressions_are_evaluated_after_the_cell(kernel):
    run = ok(kernel, "int sides = 6;", user_expressions={"doubled": "sides * 2", "label": '"d" + sides'})
    expressions = run.content["user_expressions"]
    assert expressions["doubled"]["status"] == "ok"
    assert expressions["doubled"]["data"]["text/plain"] == "12"
    assert expressions["label"]["data"]["text/plain"] == '"d6"'


def test_a_failing_user_expression_reports_its_error_and_the_cell_stays_ok(kernel):
    run = ok(kernel, "int fine = 1;", user_expressions={"broken": "fine.length()"})
    broken = run.content["user_expressions"]["broken"]
    assert broken["status"] == "error"
    assert broken["ename"] == "CompilationError"
    assert "int cannot be dereferenced" in broken["evalue"]


def test_requests_queued_behind_a_failing_cell_are_aborted(kernel):
    failing = kernel.execute('Thread.sleep(500);\nthrow new IllegalStateException("first fails");')
    second = kernel.execute("int ranAfterFailure = 1;")
    third = kernel.execute("2 + 2")
    assert collect(kernel, failing).status == "error"
    for queued in (second, third):
        run = collect(kernel, queued)
        assert run.status == "aborted"
        assert run.of_type("execute_input") == []
        assert run.of_type("execute_result") == []
    assert execute(kernel, "ranAfterFailure").status == "error"


def test_a_request_sent_after_the_aborted_ones_runs(kernel):
    failing = kernel.execute('Thread.sleep(500);\nthrow new IllegalStateException("fails again");')
    queued = kernel.execute("1")
    assert collect(kernel, failing).status == "error"
    assert collect(kernel, queued).status == "aborted"
    assert ok(kernel, "3 + 4").result == "7"


def test_without_stop_on_error_queued_requests_still_run(kernel):
    failing = kernel.execute('Thread.sleep(500);\nthrow new IllegalStateException("tolerated");',
                             stop_on_error=False)
    second = kernel.execute("int ranDespiteFailure = 5;")
    third = kernel.execute("ranDespiteFailure * 2")
    assert collect(kernel, failing).status == "error"
    assert collect(kernel, second).status == "ok"
    assert collect(kernel, third).result == "10"


def test_each_request_is_framed_by_busy_and_idle_with_its_input_echoed(kernel):
    codes = ["int framed = 1;", "framed + 1", 'System.out.println("framed")']
    ids = [kernel.execute(code) for code in codes]
    for code, msg_id in zip(codes, ids):
        run = collect(kernel, msg_id)
        assert run.status == "ok"
        first, echo, last = run.messages[0], run.messages[1], run.messages[-1]
        assert (first["msg_type"], first["content"]["execution_state"]) == ("status", "busy")
        assert echo["msg_type"] == "execute_input"
        assert echo["content"]["code"] == code
        assert (last["msg_type"], last["content"]["execution_state"]) == ("status", "idle")
        assert all(m["parent_header"]["msg_id"] == msg_id for m in run.messages)
