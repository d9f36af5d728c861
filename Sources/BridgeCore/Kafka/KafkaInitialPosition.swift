/// Where a consumer group starts in a partition for which it has no committed offset yet.
public enum KafkaInitialPosition: String, Sendable, Hashable, CaseIterable {
    case beginning, end

    var startOffset: KafkaStartOffset { self == .beginning ? .beginning : .end }
}
