/// A member of a consumer group as DescribeGroups reports it, with its decoded assignment.
public struct ConsumerGroupMember: Sendable, Hashable {
    public var memberID: String
    public var clientID: String
    public var host: String
    public var assignment: [TopicPartition]

    public init(memberID: String, clientID: String, host: String, assignment: [TopicPartition]) {
        self.memberID = memberID
        self.clientID = clientID
        self.host = host
        self.assignment = assignment
    }
}
