"""A sample project's tests: the vendor SDK against dataarts-mock, through the pytest plugin
only (fixtures dataarts_client and dataarts_mock; no conftest.py, no set-up of its own)."""

from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException, ServerResponseException
from huaweicloudsdkdataartsstudio.v1 import (
    ApigDataSourcesVo,
    ApigDataSourceVo,
    CreateConnectionsRequest,
    DeleteDataconnectionRequest,
    ListDataconnectionsRequest,
    ShowDataconnectionRequest,
)
import time

import pytest

WORKSPACE = "a1b2c3d4e5f60718293a4b5c6d7e8f90"


def create(client, name):
    answer = client.create_connections(CreateConnectionsRequest(
        workspace=WORKSPACE,
        body=ApigDataSourcesVo(data_source_vos=[ApigDataSourceVo(
            dw_name=name, dw_type="DWS", env_type=0, agent_name="cdm-1",
            dw_config={"host": "dws.internal", "port": "8000", "password": "s3cret"})])))
    return answer.to_json_object()["data_connection_id"]


def test_a_connection_is_created_shown_listed_and_deleted(dataarts_client):
    connection_id = create(dataarts_client, "orders_dws")
    shown = dataarts_client.show_dataconnection(
        ShowDataconnectionRequest(workspace=WORKSPACE, data_connection_id=connection_id))
    assert shown.dw_name == "orders_dws"
    assert shown.dw_config["password"] == "******"
    listed = dataarts_client.list_dataconnections(ListDataconnectionsRequest(workspace=WORKSPACE))
    assert [c.dw_name for c in listed.data_connection_lists] == ["orders_dws"]
    dataarts_client.delete_dataconnection(
        DeleteDataconnectionRequest(workspace=WORKSPACE, data_connection_id=connection_id))
    assert dataarts_client.list_dataconnections(ListDataconnectionsRequest(workspace=WORKSPACE)).total_size == 0


def test_every_test_starts_from_an_empty_mock(dataarts_client):
    assert dataarts_client.list_dataconnections(ListDataconnectionsRequest(workspace=WORKSPACE)).total_size == 0


def test_an_injected_server_error_reaches_the_sdk_and_the_journal(dataarts_mock, dataarts_client):
    dataarts_mock.control.add_fault(method="POST", status=500)
    with pytest.raises(ServerResponseException) as raised:
        create(dataarts_client, "never_made")
    assert (raised.value.status_code, raised.value.error_code) == (500, "DAYU.3531")
    assert [r["status"] for r in dataarts_mock.control.requests(method="POST")] == [500]
    assert dataarts_mock.control.state()["connections"] == []


def test_a_frozen_clock_dates_what_is_created(dataarts_mock, dataarts_client):
    # Now, to the second: the SDK's signatures must stay within the mock's 15-minute window.
    frozen_ms = int(time.time()) * 1000
    dataarts_mock.control.freeze_clock(frozen_ms)
    connection_id = create(dataarts_client, "dated_dws")
    shown = dataarts_client.show_dataconnection(
        ShowDataconnectionRequest(workspace=WORKSPACE, data_connection_id=connection_id))
    assert shown.create_time == frozen_ms


def test_the_ini_flags_limit_a_workspace_to_three_connections(dataarts_client):
    for number in range(3):
        create(dataarts_client, f"conn_{number}")
    with pytest.raises(ClientRequestException) as raised:
        create(dataarts_client, "one_too_many")
    assert (raised.value.status_code, raised.value.error_code) == (400, "DAYU.4402")
