from conftest import execute


def test_expression_value_comes_back_as_execute_result(kernel):
    run = execute(kernel, "1 + 2")
    assert run.status == "ok"
    assert run.result == "3"
