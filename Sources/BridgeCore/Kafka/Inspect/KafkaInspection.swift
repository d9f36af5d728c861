import BridgeEvents

/// What `inspect kafka` shows: brokers, topics with their partitions' offsets, and optionally one
/// consumer group's committed offsets, lag and members.
public struct KafkaInspection: Sendable, Hashable {
    public struct PartitionState: Sendable, Hashable {
        public var partition: Int32
        public var leader: Int32
        public var low: Int64
        public var high: Int64

        public init(partition: Int32, leader: Int32, low: Int64, high: Int64) {
            self.partition = partition
            self.leader = leader
            self.low = low
            self.high = high
        }
    }

    public struct TopicState: Sendable, Hashable {
        public var name: String
        public var partitions: [PartitionState]

        public init(name: String, partitions: [PartitionState]) {
            self.name = name
            self.partitions = partitions
        }

        public var retained: Int64 { partitions.reduce(0) { $0 + max(0, $1.high - $1.low) } }
        public var endOffsetSum: Int64 { partitions.reduce(0) { $0 + $1.high } }
    }

    /// A partition the group has committed an offset for.
    public struct GroupPartition: Sendable, Hashable {
        public var topicPartition: TopicPartition
        public var committed: Int64
        public var high: Int64
        /// The metadata of the last commit: the registry writes its id there, so this names the member
        /// that last committed the partition (a rebalance shows as a new name). Empty when none.
        public var committedBy: String

        public init(topicPartition: TopicPartition, committed: Int64, high: Int64, committedBy: String = "") {
            self.topicPartition = topicPartition
            self.committed = committed
            self.high = high
            self.committedBy = committedBy
        }

        /// Messages after the committed offset; an offset past the end (retention or a reset topic)
        /// counts as no lag.
        public var lag: Int64 { max(0, high - committed) }
    }

    public struct GroupState: Sendable, Hashable {
        public var id: String
        public var partitions: [GroupPartition]
        /// nil when the broker cannot say (see `membersUnavailable`).
        public var members: [ConsumerGroupMember]?
        public var membersUnavailable: String?

        public init(
            id: String, partitions: [GroupPartition], members: [ConsumerGroupMember]?, membersUnavailable: String?
        ) {
            self.id = id
            self.partitions = partitions
            self.members = members
            self.membersUnavailable = membersUnavailable
        }

        public var totalLag: Int64 { partitions.reduce(0) { $0 + $1.lag } }
    }

    public var brokers: [KafkaClusterMetadata.Broker]
    public var topics: [TopicState]
    public var group: GroupState?

    public init(brokers: [KafkaClusterMetadata.Broker], topics: [TopicState], group: GroupState?) {
        self.brokers = brokers
        self.topics = topics
        self.group = group
    }

    /// Builds the topic part from metadata and watermarks.
    public static func topics(
        metadata: KafkaClusterMetadata, watermarks: [PartitionWatermarks], only: Set<String>?
    )
        -> [TopicState]
    {
        let marks = Dictionary(watermarks.map { ($0.topicPartition, $0) }, uniquingKeysWith: { first, _ in first })
        return metadata.topics.filter { only?.contains($0.name) ?? true }.map { topic in
            TopicState(
                name: topic.name,
                partitions: topic.partitions.map { partition in
                    let mark = marks[TopicPartition(topic: topic.name, partition: partition.id)]
                    return PartitionState(
                        partition: partition.id, leader: partition.leader, low: mark?.low ?? 0, high: mark?.high ?? 0)
                })
        }
    }

    /// The group's partitions that have a committed offset, with their lag.
    public static func groupPartitions(committed: [CommittedOffset], topics: [TopicState]) -> [GroupPartition] {
        var highs: [TopicPartition: Int64] = [:]
        for topic in topics {
            for partition in topic.partitions {
                highs[TopicPartition(topic: topic.name, partition: partition.partition)] = partition.high
            }
        }
        return committed.filter { KafkaStartOffset.isReal($0.position.offset) }.map { entry in
            GroupPartition(
                topicPartition: entry.position.topicPartition, committed: entry.position.offset,
                high: highs[entry.position.topicPartition] ?? 0, committedBy: entry.metadata)
        }.sorted { $0.topicPartition < $1.topicPartition }
    }

    // MARK: output

    public func json() -> JSONValue {
        var object: [String: JSONValue] = [
            "brokers": .array(
                brokers.map { ["id": .int(Int64($0.id)), "address": .string($0.address)] }),
            "topics": .array(
                topics.map { topic in
                    [
                        "name": .string(topic.name),
                        "retained": .int(topic.retained),
                        "partitions": .array(
                            topic.partitions.map {
                                [
                                    "partition": .int(Int64($0.partition)), "leader": .int(Int64($0.leader)),
                                    "low": .int($0.low), "high": .int($0.high),
                                ]
                            }),
                    ]
                }),
        ]
        if let group {
            object["group"] = [
                "id": .string(group.id),
                "total_lag": .int(group.totalLag),
                "partitions": .array(
                    group.partitions.map {
                        [
                            "topic": .string($0.topicPartition.topic),
                            "partition": .int(Int64($0.topicPartition.partition)),
                            "committed": .int($0.committed), "high": .int($0.high), "lag": .int($0.lag),
                            "committed_by": $0.committedBy.isEmpty ? .null : .string($0.committedBy),
                        ]
                    }),
                "members": group.members.map { members in
                    .array(
                        members.map { member in
                            [
                                "member_id": .string(member.memberID), "client_id": .string(member.clientID),
                                "host": .string(member.host),
                                "assignment": .array(
                                    member.assignment.map {
                                        ["topic": .string($0.topic), "partition": .int(Int64($0.partition))]
                                    }),
                            ]
                        })
                } ?? .null,
                "members_unavailable": group.membersUnavailable.map(JSONValue.string) ?? .null,
            ]
        }
        return .object(object)
    }

    /// Table lines, each at most 80 columns: one row per topic, or per partition with `partitions`.
    public func tableLines(partitions detailed: Bool) -> [String] {
        var lines: [String] = []
        lines.append("BROKERS " + TableText.fit(brokers.map { "\($0.id)=\($0.address)" }.joined(separator: " "), 72))
        lines.append("")
        if detailed {
            lines.append(
                TableText.pad("TOPIC", 43) + " " + TableText.right("PART", 5) + " " + TableText.right("LEADER", 6) + " "
                    + TableText.right("LOW", 10) + " " + TableText.right("HIGH", 12))
            for topic in topics {
                for partition in topic.partitions {
                    lines.append(
                        TableText.pad(topic.name, 43) + " " + TableText.right(String(partition.partition), 5) + " "
                            + TableText.right(String(partition.leader), 6) + " "
                            + TableText.right(String(partition.low), 10) + " "
                            + TableText.right(String(partition.high), 12))
                }
            }
        } else {
            lines.append(
                TableText.pad("TOPIC", 44) + " " + TableText.right("PARTS", 5) + " " + TableText.right("RETAINED", 12)
                    + " " + TableText.right("END OFFSETS", 15))
            for topic in topics {
                lines.append(
                    TableText.pad(topic.name, 44) + " " + TableText.right(String(topic.partitions.count), 5) + " "
                        + TableText.right(String(topic.retained), 12) + " "
                        + TableText.right(String(topic.endOffsetSum), 15))
            }
        }
        guard let group else { return lines }
        lines.append("")
        lines.append(TableText.fit("GROUP \(group.id)  total lag \(group.totalLag)", 80))
        if group.partitions.isEmpty {
            lines.append("no committed offsets")
        } else {
            lines.append(
                TableText.pad("TOPIC", 24) + " " + TableText.right("PART", 4) + " " + TableText.right("COMMITTED", 10)
                    + " " + TableText.right("END", 10) + " " + TableText.right("LAG", 8) + " " + "COMMITTED BY")
            for partition in group.partitions {
                lines.append(
                    TableText.pad(partition.topicPartition.topic, 24) + " "
                        + TableText.right(String(partition.topicPartition.partition), 4) + " "
                        + TableText.right(String(partition.committed), 10) + " "
                        + TableText.right(String(partition.high), 10) + " " + TableText.right(String(partition.lag), 8)
                        + " " + TableText.fit(partition.committedBy.isEmpty ? "-" : partition.committedBy, 19))
            }
        }
        if let members = group.members {
            lines.append("")
            lines.append("MEMBERS \(members.count)")
            for member in members {
                let assigned = member.assignment.map { "\($0.topic)[\($0.partition)]" }.joined(separator: " ")
                lines.append(TableText.fit("\(member.clientID) \(member.host) \(member.memberID)", 80))
                lines.append(TableText.fit("  " + (assigned.isEmpty ? "(no partitions)" : assigned), 80))
            }
        } else if let reason = group.membersUnavailable {
            lines.append("")
            for line in TableText.wrap("members: unavailable: \(reason)", width: 80) { lines.append(line) }
        }
        return lines
    }
}
