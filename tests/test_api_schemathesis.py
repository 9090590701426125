"""Schemathesis reads /api/openapi.json, generates requests from it (valid and not) and
sends them to the app: no answer may be a server error. (Driven through its Python API:
its pytest plugin does not run under pytest 9.)"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from syndiff.web import create_app


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path_factory.mktemp("st") / "s.sqlite"),
                      "SECRET_KEY": "st", "MAX_CHARS": 20_000})
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


OPERATIONS = ["POST /api/compare", "GET /api/comparisons", "GET /api/comparisons/{cid}",
              "DELETE /api/comparisons/{cid}"]


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_server_error(api_schema, label):
    [operation] = [r.ok() for r in api_schema.get_all_operations() if r.ok().label == label]
    calls = []

    @given(operation.as_strategy())
    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        response = case.call_and_validate(checks=[not_a_server_error])
        calls.append(response.status_code)

    run()
    assert calls and max(calls) < 500
