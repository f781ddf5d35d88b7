import DataArtsHTTP1
import Testing

/// `DataArtsHTTP1.PercentEncoding`, tested here beside the signature check that depends on it.
struct PercentEncodingTests {
    @Test(arguments: [
        ("", ""),
        ("AZaz09-._~", "AZaz09-._~"),
        ("dws conn", "dws%20conn"),
        ("a/b c", "a%2Fb%20c"),
        ("*'()!+=&?#%", "%2A%27%28%29%21%2B%3D%26%3F%23%25"),
        ("é", "%C3%A9"),
        ("€", "%E2%82%AC"),
        ("😀", "%F0%9F%98%80"),
    ])
    func encodeLeavesOnlyUnreservedBytesBare(text: String, encoded: String) {
        #expect(PercentEncoding.encode(text) == encoded)
    }

    @Test(arguments: [
        ("", ""),
        ("plain", "plain"),
        ("dws%20conn", "dws conn"),
        ("a%2fb%2Fc", "a/b/c"),
        ("a+b", "a+b"),
        ("%C3%A9", "é"),
        ("%e2%82%ac", "€"),
        ("%FF", "\u{FFFD}"),
        ("%41%", nil),
        ("%4", nil),
        ("%zz", nil),
        ("100%", nil),
    ] as [(String, String?)])
    func strictDecodeRejectsMalformedEscapes(text: String, decoded: String?) {
        #expect(PercentEncoding.decode(text) == decoded)
    }

    /// Python's `urllib.parse.unquote`.
    @Test(arguments: [
        ("dws%20conn", "dws conn"),
        ("a+b", "a+b"),
        ("%41%", "A%"),
        ("%4", "%4"),
        ("%zz%41", "%zzA"),
        ("100%", "100%"),
        ("%%41", "%A"),
        ("%E2%82", "\u{FFFD}"),
        ("%C3%A9é", "éé"),
    ])
    func lenientDecodeKeepsMalformedEscapesAsUnquoteDoes(text: String, decoded: String) {
        #expect(PercentEncoding.decodeLeniently(text) == decoded)
    }

    @Test(arguments: ["", "a b", "a/b?c=d&e", "é€😀", "%41", "~-._*'"])
    func decodeUndoesEncode(text: String) {
        #expect(PercentEncoding.decode(PercentEncoding.encode(text)) == text)
        #expect(PercentEncoding.decodeLeniently(PercentEncoding.encode(text)) == text)
    }
}
