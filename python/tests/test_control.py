"""The control client against a real server, through the plugin's own dataarts_mock fixture
(so these also prove that it resets between tests)."""

import pytest

from dataarts_mock import ControlBadRequest, ControlError, ControlNotFound

from conftest import PROJECT, WORKSPACE, api, create_connection

CONNECTIONS = f"/v1/{PROJECT}/data-connections"


def test_reset_empties_everything(dataarts_mock):
    control = dataarts_mock.control
    create_connection(dataarts_mock.url, "to_be_reset")
    control.add_fault(method="GET", status=500, times=0)
    control.freeze_clock(1_000)
    control.reset()
    assert control.state() == {"connections": [], "workspaces": []}
    assert control.faults() == []
    assert control.requests() == []
    assert control.clock()["frozen"] is False


def test_reset_of_one_workspace_keeps_the_others(dataarts_mock):
    create_connection(dataarts_mock.url, "kept", workspace="keep")
    create_connection(dataarts_mock.url, "dropped", workspace="drop")
    dataarts_mock.control.reset(project=PROJECT, workspace="drop")
    assert [c["dw_name"] for c in dataarts_mock.control.state()["connections"]] == ["kept"]


def test_a_fault_answers_once_with_its_status_and_implied_code(dataarts_mock):
    rule = dataarts_mock.control.add_fault(method="POST", path="/v1/{project_id}/data-connections", status=500)
    assert rule["id"] and rule["times"] == 1
    assert [f["id"] for f in dataarts_mock.control.faults()] == [rule["id"]]
    status, body = create_connection(dataarts_mock.url, "faulted")
    assert (status, body["error_code"]) == (500, "DAYU.3531")
    assert create_connection(dataarts_mock.url, "not_faulted")[0] == 200
    assert dataarts_mock.control.faults() == []


def test_removing_an_unknown_fault_raises_not_found(dataarts_mock):
    with pytest.raises(ControlNotFound) as raised:
        dataarts_mock.control.remove_fault("no-such-id")
    assert (raised.value.status, raised.value.error_code) == (404, "DAYU.4402")
    assert "no-such-id" in raised.value.error_msg


def test_a_bad_fault_rule_raises_bad_request_with_every_violation(dataarts_mock):
    with pytest.raises(ControlBadRequest) as raised:
        dataarts_mock.control.add_fault(times=-1)
    assert "times" in raised.value.error_msg and "action" in raised.value.error_msg
    assert dataarts_mock.control.faults() == []


def test_faults_can_be_removed_one_by_one_or_all(dataarts_mock):
    one = dataarts_mock.control.add_fault(status=503, times=0)
    dataarts_mock.control.add_fault(latency_ms=5)
    dataarts_mock.control.remove_fault(one["id"])
    assert len(dataarts_mock.control.faults()) == 1
    dataarts_mock.control.clear_faults()
    assert dataarts_mock.control.faults() == []


def test_requests_filter_by_method_status_path_workspace_and_limit(dataarts_mock):
    url = dataarts_mock.url
    create_connection(url, "a")
    create_connection(url, "b", workspace="other")
    api(url, "GET", CONNECTIONS)
    create_connection(url, "bad name!")
    control = dataarts_mock.control
    assert [r["method"] for r in control.requests()] == ["POST", "POST", "GET", "POST"]
    assert len(control.requests(method="POST")) == 3
    assert [r["error_code"] for r in control.requests(status=400)] == ["DAYU.4402"]
    assert len(control.requests(workspace="other")) == 1
    assert len(control.requests(path=CONNECTIONS)) == 4
    assert control.requests(path="/v2/") == []
    assert [r["method"] for r in control.requests(limit=2)] == ["GET", "POST"]
    assert control.journal()["dropped"] == 0
    control.clear_requests()
    assert control.requests() == []


def test_a_bad_filter_raises_bad_request(dataarts_mock):
    with pytest.raises(ControlBadRequest, match="status must be an integer"):
        dataarts_mock.control.requests(status="five")


def test_a_truncated_journal_is_an_error_not_a_shorter_list():
    from dataarts_mock import MockServer
    with MockServer("--journal-capacity", "2") as small:
        for name in ("one", "two", "three"):
            create_connection(small.url, name)
        with pytest.raises(ControlError, match="1 requests were dropped"):
            small.control.requests()
        assert small.control.journal()["dropped"] == 1


def test_a_frozen_clock_dates_new_connections(dataarts_mock):
    frozen = 1_735_689_600_000
    assert dataarts_mock.control.freeze_clock(frozen) == {"now_ms": frozen, "frozen": True}
    create_connection(dataarts_mock.url, "dated")
    assert dataarts_mock.control.state()["connections"][0]["create_time"] == frozen
    dataarts_mock.control.release_clock()
    assert dataarts_mock.control.clock()["frozen"] is False


def test_state_round_trips_and_an_invalid_one_changes_nothing(dataarts_mock):
    create_connection(dataarts_mock.url, "exported")
    exported = dataarts_mock.control.state()
    assert exported["connections"][0]["dw_config"]["password"] == "s3cret"  # unmasked
    dataarts_mock.control.reset()
    dataarts_mock.control.put_state(exported)
    assert dataarts_mock.control.state() == exported
    with pytest.raises(ControlBadRequest, match="dw_name is required"):
        dataarts_mock.control.put_state({"connections": [{"project_id": PROJECT, "workspace": WORKSPACE}]})
    assert dataarts_mock.control.state() == exported


def test_the_openapi_document_is_served(dataarts_mock):
    assert dataarts_mock.control.openapi()["openapi"].startswith("3.")
