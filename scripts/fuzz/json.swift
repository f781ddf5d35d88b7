// libFuzzer target for the JSON module; run it with `scripts/fuzz.sh json [seconds]`.
//
// It is compiled into one module with Sources/DataArtsJSON/*.swift (the module imports nothing), so it
// calls the reader directly. Every property is a `precondition`: libFuzzer reports a failed one
// as a crash and saves the input that broke it. An -O build drops the messages; to read one,
// build with -Onone and replay the saved input with SWIFT_BACKTRACE=enable=no (Swift's
// backtracer can hang under ASan, Swift 6.3.1 on Linux).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do throws(JSONError) {
        let value = try JSONReader.parse(bytes)
        checkRoundTrip(value, inputSize: size)
        checkDepthLimit(bytes, value: value)
        visit(value, check)
    } catch {
        precondition(error.offset >= 0 && error.offset <= size, "\(error) is outside the \(size) bytes")
        checkRefusal(bytes, error: error)
    }
    return 0
}

/// Written and read back, the value is itself, and writing it again gives the same bytes.
private func checkRoundTrip(_ value: JSONValue, inputSize: Int) {
    let written = value.serialized()
    // Compact output never grows: whitespace goes, raw bytes stay raw, and no escape is
    // written longer than the client spelled it.
    precondition(written.count <= inputSize, "wrote \(written.count) bytes from \(inputSize)")
    do throws(JSONError) {
        let reread = try JSONReader.parse(written)
        precondition(reread == value, "the round trip changed the value: \(value.jsonString)")
        precondition(reread.serialized() == written, "writing is not stable: \(value.jsonString)")
    } catch {
        preconditionFailure("the writer's bytes do not read back: \(error) in \(value.jsonString)")
    }
}

/// The limit is exact: the input's own depth is allowed, one less is refused at the bracket
/// that first reaches it. The depth is measured on the bytes, not on the value, because a
/// repeated key can drop a deeper value the limit still applies to.
private func checkDepthLimit(_ bytes: [UInt8], value: JSONValue) {
    let (needed, deepest) = nesting(of: bytes)
    precondition(needed >= depth(of: value), "the value is deeper than its bytes")
    do throws(JSONError) {
        let atLimit = try JSONReader.parse(bytes, maxDepth: needed)
        precondition(atLimit == value, "depth \(needed) read differently")
    } catch {
        preconditionFailure("depth \(needed) is refused at its own limit: \(error)")
    }
    guard needed > 0 else { return }
    do throws(JSONError) {
        _ = try JSONReader.parse(bytes, maxDepth: needed - 1)
        preconditionFailure("depth \(needed) is allowed under a limit of \(needed - 1)")
    } catch {
        precondition(error == JSONError(offset: deepest, reason: .tooDeep(limit: needed - 1)), "depth \(needed): \(error)")
    }
}

/// The deepest nesting of valid JSON bytes and the offset of the first bracket that reaches it,
/// counted without the reader: brackets outside strings, where a backslash hides the next byte.
private func nesting(of bytes: [UInt8]) -> (depth: Int, offset: Int) {
    var depth = 0
    var deepest = (depth: 0, offset: 0)
    var inString = false
    var escaped = false
    for (offset, byte) in bytes.enumerated() {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
            continue
        }
        switch byte {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            depth += 1
            if depth > deepest.depth { deepest = (depth, offset) }
        case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
        default: break
        }
    }
    return deepest
}

/// A refusal for any reason but depth happens before the limit matters, so a higher limit
/// gives the same one; a depth refusal moves later or goes away.
private func checkRefusal(_ bytes: [UInt8], error: JSONError) {
    do throws(JSONError) {
        _ = try JSONReader.parse(bytes, maxDepth: 1024)
        precondition(error.reason == .tooDeep(limit: JSONReader.defaultMaxDepth), "\(error) went away under a higher limit")
    } catch let deeper {
        if error.reason == .tooDeep(limit: JSONReader.defaultMaxDepth) {
            precondition(deeper.offset > error.offset, "\(deeper) under a higher limit, \(error) under the default")
        } else {
            precondition(deeper == error, "\(deeper) under a higher limit, \(error) under the default")
        }
    }
}

/// Properties of each value on its own.
private func check(_ value: JSONValue) {
    switch value {
    case .number(let number):
        precondition(JSONNumber(text: number.text) == number, "\(number) does not read as itself")
        precondition(!number.doubleValue.isNaN, "\(number) has no double value")
        if let integer = number.intValue {
            precondition(number.isInteger, "\(number) has an Int value but is not an integer")
            precondition(String(integer) == number.text || number.text == "-0", "\(number) reads as \(integer)")
        }
    case .object(let object):
        // Repeated keys were merged: no two members have the same bytes.
        var seen = Set<[UInt8]>()
        for member in object.members {
            precondition(seen.insert(Array(member.key.utf8)).inserted, "key \(member.key) appears twice")
            precondition(object[member.key] == member.value, "key \(member.key) looks up another value")
        }
    case .null, .bool, .string, .array:
        break
    }
}

private func visit(_ value: JSONValue, _ body: (JSONValue) -> Void) {
    body(value)
    switch value {
    case .array(let items): for item in items { visit(item, body) }
    case .object(let object): for member in object.members { visit(member.value, body) }
    case .null, .bool, .number, .string: break
    }
}

/// How many arrays and objects are open at the deepest point; 0 for a scalar.
private func depth(of value: JSONValue) -> Int {
    switch value {
    case .array(let items): 1 + (items.map(depth(of:)).max() ?? 0)
    case .object(let object): 1 + (object.members.map { depth(of: $0.value) }.max() ?? 0)
    case .null, .bool, .number, .string: 0
    }
}
