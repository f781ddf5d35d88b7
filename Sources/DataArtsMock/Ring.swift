/// A first-in, first-out buffer over one array: appending at the back and removing from the
/// front are O(1), and the element removed is handed back, so that its owner can release it
/// after leaving a lock (the journal's oldest entries, freed under its lock, showed as lock
/// contention between the event loops in perf).
struct Ring<Element> {
    private var slots: [Element?] = []
    /// The slot of the oldest element.
    private var head = 0
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// The element `position` places from the oldest (0) towards the newest (`count - 1`).
    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "Ring position out of range")
        return slots[(head + position) % slots.count]!
    }

    var first: Element? { isEmpty ? nil : self[0] }

    mutating func append(_ element: Element) {
        if count == slots.count {
            // Full: grow by one slot at the end, first moving the oldest to slot 0 so that the
            // order survives (rare: only after removals that left `head` inside the array).
            if head != 0 {
                slots = Array(slots[head...] + slots[..<head])
                head = 0
            }
            slots.append(element)
        } else {
            slots[(head + count) % slots.count] = element
        }
        count += 1
    }

    /// Removes and returns the oldest element.
    mutating func removeFirst() -> Element {
        precondition(count > 0, "removeFirst on an empty Ring")
        let element = slots[head].take()!
        head = (head + 1) % slots.count
        count -= 1
        return element
    }

    mutating func removeAll() {
        slots = []
        head = 0
        count = 0
    }

    /// The elements from `position` to the newest, oldest first.
    func elements(from position: Int) -> [Element] {
        (max(0, position)..<count).map { self[$0] }
    }
}

extension Ring: Sendable where Element: Sendable {}
