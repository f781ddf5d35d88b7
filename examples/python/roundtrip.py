#!/usr/bin/env python3
"""One data connection's whole life, through Huawei Cloud's own Python SDK.

Runs create -> list -> show -> update -> validate -> delete (and a last show that
must fail) against a DataArts Studio endpoint, printing each call and its result.
Exits 0 when every step did what it should, 1 otherwise.

    dataarts-mock --port 8080 &
    HOME=$(mktemp -d) python3 roundtrip.py --endpoint http://127.0.0.1:8080

HOME: the SDK writes a random id to ~/.huaweicloud/application_id the first time a
client is built. This script leaves HOME alone, as any program using the SDK would:
if you do not want that file in your home, run it with HOME pointing at a
temporary folder, as above (scripts/python-sdk.sh does so).

The defaults for --ak/--sk/--project/--workspace suit a mock in its default,
permissive mode; for `--auth strict` pass the values of its --credential flag.
"""

import argparse
import json
import sys
import time

from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException, SdkException
from huaweicloudsdkdataartsstudio.v1 import (
    ApigDataSourcesVo,
    ApigDataSourceVo,
    CreateConnectionsRequest,
    DebugDataconnectionRequest,
    DeleteDataconnectionRequest,
    ListDataconnectionsRequest,
    ShowDataconnectionRequest,
    UpdateDataconnectionRequest,
)
from huaweicloudsdkdataartsstudio.v1.dataartsstudio_client import DataArtsStudioClient


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", default="http://127.0.0.1:8080",
                        help="service endpoint, e.g. http://127.0.0.1:PORT")
    parser.add_argument("--ak", default="ROUNDTRIPAK000000000", help="access key")
    parser.add_argument("--sk", default="roundtrip-secret-key", help="secret key")
    parser.add_argument("--project", default="0123456789abcdef0123456789abcdef",
                        help="project id")
    parser.add_argument("--workspace", default="a1b2c3d4e5f60718293a4b5c6d7e8f90",
                        help="DataArts Studio workspace id")
    return parser.parse_args()


def step(name, call):
    """Runs one SDK call, prints it and the JSON it answered, and returns that JSON."""
    print(f"--> {name}")
    response = call()
    body = response.to_json_object()
    print(f"<-- HTTP {response.status_code} {json.dumps(body)}")
    return body


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def connection(name, description, port):
    return ApigDataSourceVo(
        dw_name=name,
        dw_type="DWS",
        dw_config={"host": "dws.example.internal", "port": port, "password": "s3cret"},
        agent_id="cdm-agent-id",
        agent_name="cdm-agent",
        env_type=0,
        description=description,
    )


def main():
    args = parse_args()
    client = (DataArtsStudioClient.new_builder()
              .with_credentials(BasicCredentials(args.ak, args.sk, args.project))
              .with_endpoint(args.endpoint)
              .build())
    ws = args.workspace
    name = f"roundtrip_{int(time.time() * 1000)}"  # unique, so the script can run again

    created = step("create_connections", lambda: client.create_connections(
        CreateConnectionsRequest(workspace=ws, body=ApigDataSourcesVo(
            data_source_vos=[connection(name, "made by roundtrip.py", "8000")]))))
    conn_id = created["data_connection_id"]

    listed = step("list_dataconnections", lambda: client.list_dataconnections(
        ListDataconnectionsRequest(workspace=ws, name=name, type="DWS",
                                   limit="10", offset="0")))
    check([c["dw_id"] for c in listed["data_connection_lists"]] == [conn_id],
          "the list should hold exactly the new connection")

    shown = step("show_dataconnection", lambda: client.show_dataconnection(
        ShowDataconnectionRequest(workspace=ws, data_connection_id=conn_id)))
    check(shown["dw_name"] == name and shown["update_type"] == 0, "show after create")
    check(shown["dw_config"]["password"] == "******", "the password should come back masked")

    updated = step("update_dataconnection", lambda: client.update_dataconnection(
        UpdateDataconnectionRequest(workspace=ws, data_connection_id=conn_id,
                                    body=ApigDataSourcesVo(data_source_vos=[
                                        connection(name, "updated by roundtrip.py", "8001")]))))
    check(updated["is_success"] is True, "update should succeed")

    validated = step("debug_dataconnection", lambda: client.debug_dataconnection(
        DebugDataconnectionRequest(workspace=ws, body=connection(name, "check only", "8001"))))
    check(validated["is_success"] is True, "validation should succeed")

    deleted = step("delete_dataconnection", lambda: client.delete_dataconnection(
        DeleteDataconnectionRequest(workspace=ws, data_connection_id=conn_id)))
    check(deleted["is_success"] is True, "delete should succeed")

    try:
        step("show_dataconnection (after delete)", lambda: client.show_dataconnection(
            ShowDataconnectionRequest(workspace=ws, data_connection_id=conn_id)))
        raise AssertionError("the deleted connection is still there")
    except ClientRequestException as e:
        print(f"<-- HTTP {e.status_code} {e.error_code}: {e.error_msg} (as expected)")
        check(e.error_code == "DAYU.1005", "expected DAYU.1005 after delete")

    print("round trip OK")


if __name__ == "__main__":
    try:
        main()
    except SdkException as e:  # the SDK's errors: HTTP errors, unreachable host, ...
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
    except (AssertionError, KeyError, TypeError) as e:
        print(f"FAILED: {e!r}", file=sys.stderr)
        sys.exit(1)
