/// The version this build says it is: `--version`, `GET /__mock/config` and the dashboard.
/// Kept equal to `info.version` of `fixtures/openapi.json`.
public enum MockVersion {
    public static let string = "0.1.0"
}
