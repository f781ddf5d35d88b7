import DataArtsHTTP1

/// What one call of the parser amounts to, as a value that `#expect` can compare and print.
enum ParseOutcome: Equatable, CustomStringConvertible {
    case needMore
    case complete(HTTPRequest, consumed: Int)
    case failure(HTTPParseError)

    init(_ parser: RequestParser, _ bytes: ArraySlice<UInt8>) {
        do throws(HTTPParseError) {
            if let (request, consumed) = try parser.parse(bytes) {
                self = .complete(request, consumed: consumed)
            } else {
                self = .needMore
            }
        } catch {
            self = .failure(error)
        }
    }

    init(_ parser: RequestParser, _ text: String) {
        self.init(parser, Array(text.utf8)[...])
    }

    var description: String {
        switch self {
        case .needMore: "needMore"
        case .complete(let request, let consumed): "complete(\(request.method) \(request.target), consumed: \(consumed))"
        case .failure(let error): "failure(.\(error))"
        }
    }
}
