#include <librdkafka/rdkafka.h>
/* rdkafka_mock.h refuses to be included before rdkafka.h. */
#include <librdkafka/rdkafka_mock.h>

/* rd_kafka_producev is variadic, which Swift cannot call; this typed wrapper produces one message
 * (value and key copied) with optional headers, whose ownership passes to librdkafka on success. */
static inline rd_kafka_resp_err_t crdkafka_produce(rd_kafka_t *rk, const char *topic, int32_t partition,
                                                   const void *value, size_t value_len, const void *key,
                                                   size_t key_len, rd_kafka_headers_t *headers, void *opaque) {
    return rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_VALUE((void *)value, value_len),
                             RD_KAFKA_V_KEY(key, key_len), RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE(opaque),
                             RD_KAFKA_V_END);
}

/* RD_KAFKA_OFFSET_TAIL is a function-like macro, which Swift does not import. */
static inline int64_t crdkafka_offset_tail(int64_t count) { return RD_KAFKA_OFFSET_TAIL(count); }
