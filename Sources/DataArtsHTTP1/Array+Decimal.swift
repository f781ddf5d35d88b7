extension Array where Element == UInt8 {
    /// `value` in decimal, as `String(value)` spells it, without building the String: replies
    /// write their status and length this way, and the access log its status and times.
    public mutating func appendDecimal(_ value: Int) {
        guard value >= 0 else { return append(contentsOf: String(value).utf8) }
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
