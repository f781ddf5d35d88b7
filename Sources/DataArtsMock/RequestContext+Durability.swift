import DataArtsServices

extension RequestContext {
    /// The same request answered as a change the state file could not write (SPEC §7, issue
    /// 10 item 1): 500 DAYU.3531 instead of the success; the state file has undone the change.
    var notDurable: RequestContext {
        var failed = self
        failed.outcome = .failure(.internalError("the change could not be written to the state file"))
        return failed
    }
}
