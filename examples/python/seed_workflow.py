"""The seed's whole workflow against dataarts-mock, with the vendor's SDKs, unchanged.

The seed page ("Creating a Data Connection") sends its reader to four look-ups before the
create: a user token from IAM, the project id, the DataArts instance and workspace ids, and
the CDM cluster whose id becomes agent_id. This script does all of them on one URL:

  1. IAM (huaweicloudsdkiam): a password token through IamClient + IamCredentials(), then
     the token validated.
  2. DataArts (huaweicloudsdkdataartsstudio): a client built with with_region and
     BasicCredentials(ak, sk) WITHOUT a project id; its IAM endpoint is the mock
     (HUAWEICLOUD_SDK_IAM_ENDPOINT), so the SDK discovers the project id by itself
     (GET /v3/projects?name=<region>). Then the instance list, a workspace of our own
     created and found in the workspace list.
  3. CDM (huaweicloudsdkcdm): the cluster list, and that cluster shown.
  4. The create, with the cluster's id and name as agent_id/agent_name, and the show.
  5. A plain HTTP client that uses the IAM token as X-Auth-Token on the data-connection API.

Run against a mock (strict mode shown; permissive works with any AK/SK, user, password):

  dataarts-mock --port 8080 --auth strict --user alice:S3cret! \\
      --credential SEEDAK0123456789ABCD:seed-secret@0123456789abcdef0123456789abcdef:alice \\
      --project cn-north-4=0123456789abcdef0123456789abcdef --cdm-cluster cdm-seed &
  python seed_workflow.py --endpoint http://127.0.0.1:8080

Every SDK call is printed with what it returned; any surprise exits non-zero.
"""

import argparse
import json
import os
import sys
import tempfile
import urllib.request

# The SDK writes ~/.huaweicloud/application_id on import: keep it out of the real home.
os.environ.setdefault("HOME", tempfile.mkdtemp(prefix="dataarts-seed-home-"))

from huaweicloudsdkcore.auth.credentials import BasicCredentials  # noqa: E402
# Research §5: `from huaweicloudsdkiam.v3 import *` exports IAM's model class `Region`, which
# shadows the core one (symptom: 'Region' object has no attribute 'endpoints'). Import the
# core Region under its own name and IAM's models by name, never with a star.
from huaweicloudsdkcore.region.region import Region as CoreRegion  # noqa: E402
from huaweicloudsdkiam.v3 import (  # noqa: E402
    AuthScope,
    AuthScopeProject,
    KeystoneCreateUserTokenByPasswordRequest,
    KeystoneCreateUserTokenByPasswordRequestBody,
    KeystoneValidateTokenRequest,
    PwdAuth,
    PwdIdentity,
    PwdPassword,
    PwdPasswordUser,
    PwdPasswordUserDomain,
)
from huaweicloudsdkiam.v3.iam_client import IamClient  # noqa: E402
from huaweicloudsdkiam.v3.iam_credentials import IamCredentials  # noqa: E402
from huaweicloudsdkcdm.v1 import ListClustersRequest, ShowClusterDetailRequest  # noqa: E402
from huaweicloudsdkcdm.v1.cdm_client import CdmClient  # noqa: E402
from huaweicloudsdkdataartsstudio.v1 import (  # noqa: E402
    ApigDataSourcesVo,
    ApigDataSourceVo,
    CreateConnectionsRequest,
    CreateManagerWorkSpaceRequest,
    CreateWorkspaceParams,
    ListDataArtsStudioInstancesRequest,
    ListManagerWorkSpacesRequest,
    ShowDataconnectionRequest,
)
from huaweicloudsdkdataartsstudio.v1.dataartsstudio_client import DataArtsStudioClient  # noqa: E402


def step(name, value):
    print(f"{name}: {value}", flush=True)
    return value


def expect(condition, message):
    if not condition:
        raise SystemExit(f"seed_workflow.py: {message}")


def run(endpoint, region, account, user, password, ak, sk, workspace_name):
    # 1. IAM: the user token ("Obtaining the User Token").
    iam = (IamClient.new_builder()
           .with_credentials(IamCredentials())
           .with_endpoint(endpoint)
           .build())
    token_response = iam.keystone_create_user_token_by_password(
        KeystoneCreateUserTokenByPasswordRequest(body=KeystoneCreateUserTokenByPasswordRequestBody(
            auth=PwdAuth(
                identity=PwdIdentity(methods=["password"], password=PwdPassword(user=PwdPasswordUser(
                    domain=PwdPasswordUserDomain(name=account), name=user, password=password))),
                scope=AuthScope(project=AuthScopeProject(name=region))))))
    token = token_response.x_subject_token
    expect(token_response.status_code == 201, f"token: status {token_response.status_code}")
    expect(token and len(token) >= 64, "token: no X-Subject-Token")
    project_id = token_response.token.project.id
    step("keystone_create_user_token_by_password",
         f"201, X-Subject-Token {len(token)} chars, project {token_response.token.project.name}={project_id}, "
         f"expires_at {token_response.token.expires_at}")

    checker = (IamClient.new_builder()
               .with_credentials(IamCredentials().with_x_auth_token(token))
               .with_endpoint(endpoint)
               .build())
    validated = checker.keystone_validate_token(KeystoneValidateTokenRequest(x_subject_token=token))
    expect(validated.status_code == 200 and validated.token.user.name == user, "validate: wrong answer")
    step("keystone_validate_token", f"200, user {validated.token.user.name}")

    # 2. DataArts: the project id discovered by the SDK itself, then the instance and workspace.
    os.environ["HUAWEICLOUD_SDK_IAM_ENDPOINT"] = endpoint
    credentials = BasicCredentials(ak, sk)  # no project id: the SDK asks IAM for it
    dataarts = (DataArtsStudioClient.new_builder()
                .with_credentials(credentials)
                .with_region(CoreRegion(region, endpoint))
                .build())
    step("project discovery (GET /v3/projects?name=...)", credentials.project_id)
    expect(credentials.project_id == project_id,
           f"discovered project {credentials.project_id}, the token's is {project_id}")

    instances = dataarts.list_data_arts_studio_instances(ListDataArtsStudioInstancesRequest())
    expect(instances.count == 1, f"instances: count {instances.count}")
    instance_id = instances.commodity_orders[0].resource_id
    step("list_data_arts_studio_instances", f"count {instances.count}, resource_id {instance_id}")

    created_ws = dataarts.create_manager_work_space(CreateManagerWorkSpaceRequest(
        instance_id=instance_id, body=CreateWorkspaceParams(name=workspace_name, eps_id="0", description="")))
    step("create_manager_work_space", f"{created_ws.status_code}")
    workspaces = dataarts.list_manager_work_spaces(ListManagerWorkSpacesRequest(instance_id=instance_id))
    by_name = {w.name: w for w in workspaces.data}
    expect(workspace_name in by_name and "default" in by_name, f"workspaces: {sorted(by_name)}")
    workspace_id = by_name[workspace_name].id
    step("list_manager_work_spaces", f"count {workspaces.count}, {workspace_name}={workspace_id}")

    # 3. CDM: the cluster that becomes agent_id / agent_name.
    cdm = (CdmClient.new_builder()
           .with_credentials(credentials)
           .with_region(CoreRegion(region, endpoint))
           .build())
    clusters = cdm.list_clusters(ListClustersRequest())
    expect(len(clusters.clusters) >= 1, "clusters: none")
    cluster = clusters.clusters[0]
    expect(cluster.status == "200", f"cluster status {cluster.status}")
    step("list_clusters", f"{len(clusters.clusters)} cluster(s), first {cluster.name}={cluster.id}")
    detail = cdm.show_cluster_detail(ShowClusterDetailRequest(cluster_id=cluster.id))
    expect(detail.id == cluster.id and detail.name == cluster.name, "show_cluster_detail: another cluster")
    step("show_cluster_detail", f"{detail.name}, status {detail.status}")

    # 4. The seed's create, then the show.
    created = dataarts.create_connections(CreateConnectionsRequest(
        workspace=workspace_id,
        body=ApigDataSourcesVo(data_source_vos=[ApigDataSourceVo(
            dw_name="seed_dws", dw_type="DWS", agent_id=cluster.id, agent_name=cluster.name,
            dw_config={"host": "dws.example.internal", "port": "8000", "username": "dbadmin",
                       "password": "s3cret"})])))
    connection_id = created.to_json_object()["data_connection_id"]
    step("create_connections", f"{created.status_code}, data_connection_id {connection_id}")
    shown = dataarts.show_dataconnection(ShowDataconnectionRequest(
        workspace=workspace_id, data_connection_id=connection_id))
    body = shown.to_json_object()
    expect(body["agent_id"] == cluster.id and body["agent_name"] == cluster.name, f"show: {body}")
    expect(body["dw_config"]["password"] == "******", "show: the password was not masked")
    step("show_dataconnection", f"{body['dw_name']} agent {body['agent_name']}, create_user {body['create_user']}")

    # 5. Plain HTTP with the IAM token: what curl, Terraform and the other SDKs do.
    request = urllib.request.Request(
        f"{endpoint}/v1/{project_id}/data-connections/{connection_id}",
        headers={"X-Auth-Token": token, "workspace": workspace_id})
    with urllib.request.urlopen(request, timeout=10) as response:
        plain = json.loads(response.read())
    expect(plain["dw_id"] == connection_id, f"plain GET: {plain}")
    step("GET with X-Auth-Token", f"200, {plain['dw_name']}")
    return connection_id


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", default="cn-north-4")
    parser.add_argument("--account", default="dataarts-mock")
    parser.add_argument("--user", default="alice")
    parser.add_argument("--password", default="S3cret!")
    parser.add_argument("--ak", default="SEEDAK0123456789ABCD")
    parser.add_argument("--sk", default="seed-secret")
    parser.add_argument("--workspace-name", default="seed_ws")
    args = parser.parse_args()
    run(args.endpoint.rstrip("/"), args.region, args.account, args.user, args.password, args.ak, args.sk,
        args.workspace_name)
    print("seed_workflow.py: OK")


if __name__ == "__main__":
    sys.exit(main())
