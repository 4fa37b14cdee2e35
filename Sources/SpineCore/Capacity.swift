// Lists whose usual length is known start with room for it: appending to an empty array
// reallocates it at one, two and four elements, and an assessment builds dozens of short lists.

extension Array {
    /// An empty array with room for `capacity` elements.
    init(capacity: Int) {
        self.init()
        reserveCapacity(capacity)
    }
}
