import CRdKafka

/// Asks the cluster about one consumer group's members (ListGroups + DescribeGroups). librdkafka's
/// mock broker implements neither, so against `dev broker` this reports why it cannot answer.
enum RDKafkaGroupDescriber {
    static func describe(
        _ handle: RDKafkaHandle, group: String, timeoutMilliseconds: Int32
    ) -> Result<
        [ConsumerGroupMember], BridgeError
    > {
        var list: UnsafePointer<rd_kafka_group_list>?
        let error = rd_kafka_list_groups(handle.pointer, group, &list, timeoutMilliseconds)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let list else {
            return .failure(
                .failure(
                    "the brokers did not describe group \(group) (\(RDKafkaErrorText.describe(error))); "
                        + "librdkafka's mock broker, which dev broker runs, has no ListGroups/DescribeGroups"))
        }
        defer { rd_kafka_group_list_destroy(list) }
        var members: [ConsumerGroupMember] = []
        for groupIndex in 0..<Int(list.pointee.group_cnt) {
            let info = list.pointee.groups[groupIndex]
            guard String(cString: info.group) == group else { continue }
            if info.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                return .failure(
                    .failure("group \(group) could not be described: \(RDKafkaErrorText.describe(info.err))"))
            }
            for memberIndex in 0..<Int(info.member_cnt) {
                let member = info.members[memberIndex]
                let assignment =
                    member.member_assignment.map {
                        ConsumerProtocolAssignment.decode(
                            Array(UnsafeRawBufferPointer(start: $0, count: Int(member.member_assignment_size))))
                    } ?? []
                members.append(
                    ConsumerGroupMember(
                        memberID: String(cString: member.member_id), clientID: String(cString: member.client_id),
                        host: String(cString: member.client_host), assignment: assignment ?? []))
            }
        }
        return .success(members.sorted { $0.memberID < $1.memberID })
    }
}
