"""The seed's prerequisites (SPEC §8) through the vendor's SDKs: huaweicloudsdkiam,
huaweicloudsdkcdm and huaweicloudsdkdataartsstudio 3.1.219, unchanged.

The workflow itself is seed_workflow.py; these tests run it in both auth modes and check the
rules around it: derived ids, wrong passwords, token expiry on the mock clock, domain
scopes, agent_id checks, workspace deletion. Mock processes come from test_sdk.py's helpers.

Each test uses its own AK: the core SDK caches a discovered project id per AK and region for
the whole process (research §1.5).
"""

import hashlib
import json
import urllib.error
import urllib.request
import uuid

import pytest

from test_sdk import _start_mock, _stop_mock  # also points HOME at a temporary folder

from huaweicloudsdkcore.auth.credentials import BasicCredentials  # noqa: E402
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException  # noqa: E402
from huaweicloudsdkcore.region.region import Region as CoreRegion  # noqa: E402
from huaweicloudsdkiam.v3 import (  # noqa: E402
    AuthScope,
    AuthScopeDomain,
    AuthScopeProject,
    KeystoneCreateUserTokenByPasswordRequest,
    KeystoneCreateUserTokenByPasswordRequestBody,
    KeystoneListProjectsRequest,
    PwdAuth,
    PwdIdentity,
    PwdPassword,
    PwdPasswordUser,
    PwdPasswordUserDomain,
)
from huaweicloudsdkiam.v3.iam_client import IamClient  # noqa: E402
from huaweicloudsdkiam.v3.iam_credentials import IamCredentials  # noqa: E402
from huaweicloudsdkdataartsstudio.v1 import (  # noqa: E402
    ApigDataSourcesVo,
    ApigDataSourceVo,
    BatchDeleteWorkspacesRequest,
    BatchDeleteWorkspacesRequestBody,
    CreateConnectionsRequest,
    CreateManagerWorkSpaceRequest,
    CreateWorkspaceParams,
    ListDataArtsStudioInstancesRequest,
    ListDataconnectionsRequest,
    ListManagerWorkSpacesRequest,
)
from huaweicloudsdkdataartsstudio.v1.dataartsstudio_client import DataArtsStudioClient  # noqa: E402

import seed_workflow  # noqa: E402

PROJECT = "0123456789abcdef0123456789abcdef"
REGION = "cn-north-4"
USER, PASSWORD = "alice", "S3cret!"
SEED_AK, SEED_SK = "SEEDAK0123456789ABCD", "seed-secret"
CLUSTER_ID = "91f81a12-75c5-43ce-aab8-7149ecef3b17"  # the seed's own example
CLUSTER_NAME = "cdm-4autotest-nodelete"


def derived(kind, name):
    """SPEC §8.1: the first 32 hex digits of SHA-256 over a fixed prefix and the name."""
    return hashlib.sha256(f"dataarts-mock/{kind}/{name}".encode()).hexdigest()[:32]


@pytest.fixture(scope="module")
def strict_seed_mock(tmp_path_factory):
    proc, log, m = _start_mock(
        tmp_path_factory.mktemp("seed-strict"), "--auth", "strict", "--user", f"{USER}:{PASSWORD}",
        "--credential", f"{SEED_AK}:{SEED_SK}@{PROJECT}:{USER}",
        "--project", f"{REGION}={PROJECT}", "--cdm-cluster", f"{CLUSTER_NAME}={CLUSTER_ID}")
    yield m
    _stop_mock(proc, log)


@pytest.fixture(scope="module")
def permissive_seed_mock(tmp_path_factory):
    proc, log, m = _start_mock(tmp_path_factory.mktemp("seed-permissive"))
    yield m
    _stop_mock(proc, log)


def login(url, scope, user=USER, password=PASSWORD, account="dataarts-mock"):
    iam = IamClient.new_builder().with_credentials(IamCredentials()).with_endpoint(url).build()
    return iam.keystone_create_user_token_by_password(
        KeystoneCreateUserTokenByPasswordRequest(body=KeystoneCreateUserTokenByPasswordRequestBody(
            auth=PwdAuth(
                identity=PwdIdentity(methods=["password"], password=PwdPassword(user=PwdPasswordUser(
                    domain=PwdPasswordUserDomain(name=account), name=user, password=password))),
                scope=scope))))


def http(url, path, token, workspace=None):
    headers = {"X-Auth-Token": token}
    if workspace:
        headers["workspace"] = workspace
    try:
        with urllib.request.urlopen(urllib.request.Request(url + path, headers=headers), timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def dataarts_by_region(url, ak, sk="any-secret"):
    credentials = BasicCredentials(ak, sk)
    client = (DataArtsStudioClient.new_builder().with_credentials(credentials)
              .with_region(CoreRegion(REGION, url)).build())
    return client, credentials


# --- the workflow ------------------------------------------------------------------------

def test_seed_workflow_strict(strict_seed_mock, monkeypatch):
    monkeypatch.setenv("HUAWEICLOUD_SDK_IAM_ENDPOINT", strict_seed_mock.url)
    seed_workflow.run(strict_seed_mock.url, REGION, "dataarts-mock", USER, PASSWORD, SEED_AK, SEED_SK,
                      "seed_strict")
    journal = strict_seed_mock.admin("GET", "/__mock/requests")[1]["requests"]
    login_entry = next(e for e in journal if e["path"] == "/v3/auth/tokens" and e["method"] == "POST")
    assert login_entry["status"] == 201
    assert PASSWORD not in json.dumps(journal)  # the password never reaches the journal
    validate = next(e for e in journal if e["path"] == "/v3/auth/tokens" and e["method"] == "GET")
    assert validate["headers"]["X-Subject-Token"] == "******"


def test_seed_workflow_permissive_derives_the_project_id(permissive_seed_mock, monkeypatch):
    monkeypatch.setenv("HUAWEICLOUD_SDK_IAM_ENDPOINT", permissive_seed_mock.url)
    ak = "PERMAK" + uuid.uuid4().hex[:14].upper()
    seed_workflow.run(permissive_seed_mock.url, REGION, "any-account", "bob", "any", ak, "any-sk",
                      "seed_permissive")
    _, credentials = dataarts_by_region(permissive_seed_mock.url, ak)
    assert credentials.project_id == derived("project", REGION)


# --- IAM rules -----------------------------------------------------------------------------

def test_wrong_password_is_401_in_keystone_shape(strict_seed_mock):
    with pytest.raises(ClientRequestException) as raised:
        login(strict_seed_mock.url, AuthScope(project=AuthScopeProject(name=REGION)), password="wrong")
    assert raised.value.status_code == 401
    assert raised.value.error_msg == "The username or password is wrong."


def test_list_projects_by_name_answers_exactly_one(permissive_seed_mock):
    token = login(permissive_seed_mock.url, AuthScope(domain=AuthScopeDomain(name="dataarts-mock")))
    iam = (IamClient.new_builder().with_credentials(IamCredentials().with_x_auth_token(token.x_subject_token))
           .with_endpoint(permissive_seed_mock.url).build())
    projects = iam.keystone_list_projects(KeystoneListProjectsRequest(name="eu-west-101")).projects
    assert [(p.name, p.id) for p in projects] == [("eu-west-101", derived("project", "eu-west-101"))]
    assert token.token.project is None and token.token.domain.name == "dataarts-mock"


def test_domain_scoped_token_is_refused_by_regional_apis(permissive_seed_mock):
    token = login(permissive_seed_mock.url, AuthScope(domain=AuthScopeDomain(name="dataarts-mock")))
    status, body = http(permissive_seed_mock.url, f"/v1/{PROJECT}/instances", token.x_subject_token)
    assert (status, body["error_code"]) == (403, "APIGW.0302")


def test_token_expires_after_24_hours_of_the_mock_clock(permissive_seed_mock):
    m = permissive_seed_mock
    m.admin("PUT", "/__mock/clock", {"now_ms": 1_767_225_600_000})  # 2026-01-01T00:00:00Z
    try:
        token = login(m.url, AuthScope(project=AuthScopeProject(name=REGION)))
        assert token.token.expires_at == "2026-01-02T00:00:00.000000Z"
        project = token.token.project.id
        m.admin("PUT", "/__mock/clock", {"now_ms": 1_767_225_600_000 + 86_400_000})
        assert http(m.url, f"/v1/{project}/instances", token.x_subject_token)[0] == 200
        m.admin("PUT", "/__mock/clock", {"now_ms": 1_767_225_600_000 + 86_400_001})
        status, body = http(m.url, f"/v1/{project}/instances", token.x_subject_token)
        assert (status, body["error_code"]) == (401, "APIGW.0301")
        assert body["error_msg"] == ("Incorrect IAM authentication information: token expires, "
                                     "expires_at: 2026-01-02T00:00:00.000000Z")
    finally:
        m.admin("DELETE", "/__mock/clock")


def test_issued_token_is_bound_to_its_project(permissive_seed_mock):
    token = login(permissive_seed_mock.url, AuthScope(project=AuthScopeProject(name=REGION)))
    other = "f" * 32
    status, body = http(permissive_seed_mock.url, f"/v1/{other}/instances", token.x_subject_token)
    assert (status, body["error_code"]) == (403, "APIGW.0302")


# --- workspaces and clusters ------------------------------------------------------------------

def test_agent_id_must_name_a_configured_cluster(strict_seed_mock):
    client = (DataArtsStudioClient.new_builder()
              .with_credentials(BasicCredentials(SEED_AK, SEED_SK, PROJECT))
              .with_endpoint(strict_seed_mock.url).build())
    instance = client.list_data_arts_studio_instances(
        ListDataArtsStudioInstancesRequest()).commodity_orders[0].resource_id
    default = next(w.id for w in client.list_manager_work_spaces(
        ListManagerWorkSpacesRequest(instance_id=instance)).data if w.is_default == 1)
    with pytest.raises(ClientRequestException) as raised:
        client.create_connections(CreateConnectionsRequest(workspace=default, body=ApigDataSourcesVo(
            data_source_vos=[ApigDataSourceVo(dw_name="bad_agent", dw_type="DWS", dw_config={},
                                              agent_id="not-a-cluster", agent_name=CLUSTER_NAME)])))
    assert raised.value.error_code == "DAYU.4402"
    assert "data_source_vos[0].agent_id not-a-cluster" in raised.value.error_msg


def test_deleting_a_workspace_deletes_its_connections(strict_seed_mock):
    client = (DataArtsStudioClient.new_builder()
              .with_credentials(BasicCredentials(SEED_AK, SEED_SK, PROJECT))
              .with_endpoint(strict_seed_mock.url).build())
    instance = client.list_data_arts_studio_instances(
        ListDataArtsStudioInstancesRequest()).commodity_orders[0].resource_id
    client.create_manager_work_space(CreateManagerWorkSpaceRequest(
        instance_id=instance, body=CreateWorkspaceParams(name="doomed", eps_id="0")))
    ws = next(w.id for w in client.list_manager_work_spaces(
        ListManagerWorkSpacesRequest(instance_id=instance, limit=100)).data if w.name == "doomed")
    client.create_connections(CreateConnectionsRequest(workspace=ws, body=ApigDataSourcesVo(
        data_source_vos=[ApigDataSourceVo(dw_name="c1", dw_type="DWS", dw_config={},
                                          agent_id=CLUSTER_ID, agent_name=CLUSTER_NAME)])))
    deleted = client.batch_delete_workspaces(BatchDeleteWorkspacesRequest(
        instance_id=instance, body=BatchDeleteWorkspacesRequestBody(workspace_ids=[ws])))
    assert deleted.is_success is True
    names = [w.name for w in client.list_manager_work_spaces(
        ListManagerWorkSpacesRequest(instance_id=instance, limit=100)).data]
    assert "doomed" not in names
    assert client.list_dataconnections(ListDataconnectionsRequest(workspace=ws)).total_size == 0


# --- research §5's pitfall, kept visible --------------------------------------------------------

def test_star_import_of_iam_shadows_the_core_region():
    namespace = {}
    exec("from huaweicloudsdkcore.region.region import Region\n"
         "from huaweicloudsdkiam.v3 import *", namespace)
    assert namespace["Region"] is not CoreRegion  # hence seed_workflow.py's CoreRegion alias
