/// The version `--version` prints. The top-level `VERSION` file is the one source of truth: the
/// tarball and the wheel read it, and `scripts/check-version.sh` (run by `scripts/test.sh` and
/// `scripts/release.sh`) fails when this constant says anything else, so they cannot drift.
enum ReleaseVersion {
    static let string = "0.1.0"
}
