function __bridgectl_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __bridgectl_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __bridgectl_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __bridgectl_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __bridgectl_parse_tokens -S
    set -l unparsed_tokens (__bridgectl_tokens -pc)
    switch $unparsed_tokens[1]
    case 'bridgectl'
        __bridgectl_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'node'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'run'
                __bridgectl_parse_subcommand 0 'node-id=' 'node-type=' 'node-version=' 'node-role=' 'endpoint=+' 'capability=+' 'metadata=+' 'manifest=' 'epoch=' 'count=' 'node-id-prefix=' 'heartbeat-interval=' 'port=' 'host=' 'advertise-url=' 'environment=' 'brokers=' 'X=+' 'log-level=' 'version' 'h/help'
            case 'health'
                __bridgectl_parse_subcommand 0 'url=' 'port=' 'node-id=' 'timeout=' 'version' 'h/help'
            end
        case 'registry'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'run'
                __bridgectl_parse_subcommand 0 'registry-id=' 'group=' 'environment=' 'port=' 'bind=' 'advertise-host=' 'consul-service-name=' 'consul-check=' 'deregister-critical-after=' 'heartbeat-interval=' 'batch-size=' 'consul-concurrency=' 'response-timeout-ms=' 'stale-after=' 'evict-after=' 'eviction-pause-fraction=' 'consul-sync-interval=' 'brokers=' 'X=+' 'consul=' 'consul-token=' 'postgres-url=' 'log-level=' 'version' 'h/help'
            end
        case 'introspect'
            __bridgectl_parse_subcommand 0 'node-id=' 'node-type=' 'node-version=' 'node-role=' 'endpoint=+' 'capability=+' 'metadata=+' 'epoch=' 'broadcast-reason=' 'manifest=' 'request' 'target-type=+' 'reason=' 'registry-id=' 'response-timeout-ms=' 'environment=' 'topic=' 'timeout=' 'output=' 'brokers=' 'X=+' 'log-level=' 'version' 'h/help'
        case 'heartbeat'
            __bridgectl_parse_subcommand 0 'node-id=' 'node-type=' 'status=' 'count=' 'interval=' 'uptime=' 'active-operations=' 'epoch=' 'metadata=+' 'environment=' 'topic=' 'timeout=' 'output=' 'brokers=' 'X=+' 'log-level=' 'version' 'h/help'
        case 'inspect'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'consul'
                __bridgectl_parse_subcommand 0 'consul=' 'consul-token=' 'service=' 'node-id=' 'status=' 'output=' 'log-level=' 'version' 'h/help'
            case 'postgres'
                __bridgectl_parse_subcommand 0 'node-id=' 'type=' 'status=' 'stale' 'stale-after=' 'environment=' 'output=' 'postgres-url=' 'log-level=' 'version' 'h/help'
            case 'kafka'
                __bridgectl_parse_subcommand 0 'group=' 'topic=+' 'partitions' 'output=' 'timeout=' 'brokers=' 'X=+' 'log-level=' 'version' 'h/help'
            case 'diff'
                __bridgectl_parse_subcommand 0 'node-id=' 'pending' 'registry=' 'environment=' 'output=' 'brokers=' 'X=+' 'consul=' 'consul-token=' 'postgres-url=' 'log-level=' 'version' 'h/help'
            end
        case 'consume'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'topic'
                __bridgectl_parse_subcommand 1 'o=' 'e' 'n=' 'p=' 'group=' 'output=' 'f=' 'timeout=' 'brokers=' 'X=+' 'log-level=' 'version' 'h/help'
            end
        case 'repl'
            __bridgectl_parse_subcommand 0 'state-dir=' 'brokers=' 'consul=' 'postgres-url=' 'environment=' 'keep-going' 'history-file=' 'log-level=' 'version' 'h/help'
        case 'db'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'migrate'
                __bridgectl_parse_subcommand 0 'dry-run' 'output=' 'postgres-url=' 'log-level=' 'version' 'h/help'
            end
        case 'dev'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'broker'
                __bridgectl_parse_subcommand 0 'version' 'h/help'
                switch $unparsed_tokens[1]
                case 'run'
                    __bridgectl_parse_subcommand 0 'port=' 'admin-port=' 'brokers=' 'partitions=' 'log-level=' 'version' 'h/help'
                case 'down'
                    __bridgectl_parse_subcommand 0 'broker=' 'admin-port=' 'output=' 'version' 'h/help'
                case 'up'
                    __bridgectl_parse_subcommand 0 'broker=' 'admin-port=' 'output=' 'version' 'h/help'
                end
            case 'consul'
                __bridgectl_parse_subcommand 0 'port=' 'bind=' 'node-name=' 'reap-interval=' 'deregister-minimum=' 'token=' 'log-level=' 'version' 'h/help'
            case 'up'
                __bridgectl_parse_subcommand 0 'version' 'h/help'
            case 'down'
                __bridgectl_parse_subcommand 0 'version' 'h/help'
            end
        case 'bench'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
        case 'help'
            __bridgectl_parse_subcommand -r 1 'version'
        end
    end
end

function __bridgectl_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __bridgectl_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __bridgectl_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __bridgectl_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__bridgectl_tokens -p)
    if test -z "$(__bridgectl_tokens -t)"
        set -l index (count (__bridgectl_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'bridgectl' -f
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl" -eq 1' -fa 'node' -d 'Run a node (or N simulated nodes) that announces itself, or check a node\'s health.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl" -eq 1' -fa 'registry' -d 'The registry: consume announcements and register every node in Consul and PostgreSQL.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl" -eq 1' -fa 'introspect' -d 'Publish one NODE_INTROSPECTION (or, with --request, a REGISTRY_REQUEST_INTROSPECTION).'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl" -eq 1' -fa 'heartbeat' -d 'Publish NODE_HEARTBEAT events for a node.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl" -eq 1' -fa 'inspect' -d 'Show what Consul, PostgreSQL and Kafka hold, and where they disagree.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl" -eq 1' -fa 'consume' -d 'Read topics like kcat, decoding contract envelopes.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl" -eq 1' -fa 'repl' -d 'An interactive shell over every command, plus watch, status and node <id>.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl" -eq 1' -fa 'db' -d 'PostgreSQL schema management.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl" -eq 1' -fa 'dev' -d 'The embedded default: a Kafka broker, a Consul agent, PostgreSQL and a registry on this machine.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl" -eq 1' -fa 'bench' -d 'The seed\'s benchmarks and load tests, with p50/p95/p99.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl node" -eq 1' -fa 'run' -d 'Announce on start, heartbeat, answer registry requests, serve /health and /metrics.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl node" -eq 1' -fa 'health' -d 'Exit 0 if a node answers healthy or degraded, 1 otherwise (for container health checks).'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" node-id' -l 'node-id' -d 'The node\'s id (default: the manifest\'s, else TYPE-HOSTNAME).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" node-type' -l 'node-type' -d 'effect, compute, reducer or orchestrator (default: the manifest\'s, else orchestrator).' -rfka 'effect compute reducer orchestrator'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" node-version' -l 'node-version' -d 'The node\'s semantic version (default 1.0.0).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" node-role' -l 'node-role' -d 'The node\'s role (registry, gateway, …).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run"' -l 'endpoint' -d 'An endpoint as name=url (repeatable), over the standard health, api, metrics, ….' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run"' -l 'capability' -d 'A capability as key=json (repeatable), over the node type\'s standard ones.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run"' -l 'metadata' -d 'An introspection metadata entry as key=json (repeatable).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" manifest' -l 'manifest' -d 'A JSON or YAML file of introspection payload fields; flags win.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" epoch' -l 'epoch' -d 'The node\'s identity generation (an integer of at least 1).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" count' -l 'count' -d 'How many simulated nodes to run in this process.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" node-id-prefix' -l 'node-id-prefix' -d 'With --count: ids are PREFIX-1…PREFIX-N (default: --node-id, else TYPE-sim).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" heartbeat-interval' -l 'heartbeat-interval' -d 'Seconds between heartbeats (default: HEARTBEAT_INTERVAL_SECONDS, else 30).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" port' -l 'port' -d 'HTTP port (default: 8060 orchestrator, 8061 reducer, 8063 effect, 8064 compute; 0: any free port).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" host' -l 'host' -d 'The address the HTTP server listens on.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" advertise-url' -l 'advertise-url' -d 'Base URL of the announced endpoints (default: http://HOST:{port}).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" environment' -l 'environment' -d 'The environment announced (default: ENVIRONMENT, else dev).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" brokers' -l 'brokers' -d 'Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run"' -s 'X' -d 'A librdkafka property as key=value, repeatable (as kcat\'s -X).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: info).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node health" url' -l 'url' -d 'The health URL (default: http://127.0.0.1:PORT/health).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node health" port' -l 'port' -d 'The node\'s HTTP port on 127.0.0.1 (default 8060).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node health" node-id' -l 'node-id' -d 'With a simulated fleet: ask /nodes/ID/health.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node health" timeout' -l 'timeout' -d 'Seconds to wait for the answer.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node health" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node health" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl registry" -eq 1' -fa 'run' -d 'Run the registry until SIGTERM or SIGINT.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" registry-id' -l 'registry-id' -d 'This registry\'s id, also its node id (default: registry-<host>-<port>).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" group' -l 'group' -d 'The Kafka consumer group (default: bridge-registry-group).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" environment' -l 'environment' -d 'The environment served; others are skipped (default: ENVIRONMENT, else dev).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" port' -l 'port' -d 'The HTTP port for /health and /metrics (0: any free port; default: 8062).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" bind' -l 'bind' -d 'The address the HTTP server listens on (default: 127.0.0.1).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" advertise-host' -l 'advertise-host' -d 'The host named in the registry\'s own endpoints (default: the bind address).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" consul-service-name' -l 'consul-service-name' -d 'Consul service name template over {node_id}, {node_type}, {environment}, {node_role} (default: {node_type}).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" consul-check' -l 'consul-check' -d 'The check registered for each node: ttl (passed on heartbeats) or http (default: ttl).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" deregister-critical-after' -l 'deregister-critical-after' -d 'Seconds after which Consul removes a node whose check stays critical (default: off; eviction is the registry\'s).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" heartbeat-interval' -l 'heartbeat-interval' -d 'The registry\'s heartbeat interval and the default for nodes that do not announce one (default: HEARTBEAT_INTERVAL_SECONDS, else 30).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" batch-size' -l 'batch-size' -d 'The most messages applied as one batch (default: 2000).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" consul-concurrency' -l 'consul-concurrency' -d 'Parallel Consul requests (default: 8).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" response-timeout-ms' -l 'response-timeout-ms' -d 'The answer window (ms) of the registry\'s introspection requests (default: 5000).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" stale-after' -l 'stale-after' -d 'Seconds without a heartbeat before a node is stale (default: 3 x its heartbeat interval).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" evict-after' -l 'evict-after' -d 'Seconds without a heartbeat before a node is evicted from both stores (default: 300).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" eviction-pause-fraction' -l 'eviction-pause-fraction' -d 'Evict nobody while more than this fraction of live nodes is silent at once (default: 0.3).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" consul-sync-interval' -l 'consul-sync-interval' -d 'Seconds between comparisons of Consul with PostgreSQL (drift repair; default: 30).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" brokers' -l 'brokers' -d 'Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run"' -s 'X' -d 'A librdkafka property as key=value, repeatable (as kcat\'s -X).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" consul' -l 'consul' -d 'Consul HTTP address (default: CONSUL_HTTP_ADDR, else CONSUL_HOST:CONSUL_PORT, else 127.0.0.1:8500).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" consul-token' -l 'consul-token' -d 'Consul ACL token (default: CONSUL_HTTP_TOKEN); never printed.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" postgres-url' -l 'postgres-url' -d 'PostgreSQL URL or key=value string (default: DATABASE_URL, else POSTGRES_* variables, else libpq\'s PG*).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: info).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" node-id' -l 'node-id' -d 'The node\'s id (payload.node_id).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" node-type' -l 'node-type' -d 'effect, compute, reducer or orchestrator.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" node-version' -l 'node-version' -d 'The node\'s semantic version (default 1.0.0).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" node-role' -l 'node-role' -d 'The node\'s role (registry, gateway, …).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect"' -l 'endpoint' -d 'An endpoint as name=url (repeatable), e.g. health=http://127.0.0.1:8060/health.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect"' -l 'capability' -d 'A capability as key=json (repeatable); a value that is not JSON is a string.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect"' -l 'metadata' -d 'A metadata entry as key=json (repeatable); a value that is not JSON is a string.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" epoch' -l 'epoch' -d 'The node\'s identity generation (an integer of at least 1).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" broadcast-reason' -l 'broadcast-reason' -d 'Why the node announces: startup, registry_request, periodic, manual (default), …' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" manifest' -l 'manifest' -d 'A JSON or YAML file of payload fields (node_id, node_type, endpoints, …); flags win.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" request' -l 'request' -d 'Publish a REGISTRY_REQUEST_INTROSPECTION instead: ask nodes to announce again.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect"' -l 'target-type' -d 'With --request: only nodes of this type answer (repeatable; default: all).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" reason' -l 'reason' -d 'With --request: startup, startup_rebroadcast, recovery, refresh, manual or node_join.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" registry-id' -l 'registry-id' -d 'With --request: the asking registry\'s id.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" response-timeout-ms' -l 'response-timeout-ms' -d 'With --request: the window (ms) in which nodes answer, 1-30000.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" environment' -l 'environment' -d 'The envelope\'s environment (default: ENVIRONMENT, else dev).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" topic' -l 'topic' -d 'Publish to this topic instead of the contract\'s.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" timeout' -l 'timeout' -d 'Seconds to wait for the broker\'s acknowledgement.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" output' -l 'output' -d 'Output format: table or json.' -rfka 'table json ndjson raw'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" brokers' -l 'brokers' -d 'Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect"' -s 'X' -d 'A librdkafka property as key=value, repeatable (as kcat\'s -X).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: error; failures are reported anyway).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" node-id' -l 'node-id' -d 'The node\'s id.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" node-type' -l 'node-type' -d 'effect, compute, reducer or orchestrator.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" status' -l 'status' -d 'healthy, degraded, unhealthy, critical or recovering.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" count' -l 'count' -d 'How many heartbeats to publish.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" interval' -l 'interval' -d 'Seconds between heartbeats (default: HEARTBEAT_INTERVAL_SECONDS, else 30).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" uptime' -l 'uptime' -d 'uptime_seconds of the first heartbeat.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" active-operations' -l 'active-operations' -d 'active_operations to report.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" epoch' -l 'epoch' -d 'The node\'s identity generation (an integer of at least 1).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat"' -l 'metadata' -d 'A metadata entry as key=json (repeatable); a value that is not JSON is a string.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" environment' -l 'environment' -d 'The envelope\'s environment (default: ENVIRONMENT, else dev).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" topic' -l 'topic' -d 'Publish to this topic instead of the contract\'s.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" timeout' -l 'timeout' -d 'Seconds to wait for each acknowledgement.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" output' -l 'output' -d 'Output format: table, ndjson or json.' -rfka 'table json ndjson raw'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" brokers' -l 'brokers' -d 'Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat"' -s 'X' -d 'A librdkafka property as key=value, repeatable (as kcat\'s -X).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: error; failures are reported anyway).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl inspect" -eq 1' -fa 'consul' -d 'Registered services with their check status.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl inspect" -eq 1' -fa 'postgres' -d 'Rows of node_registrations, filtered.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl inspect" -eq 1' -fa 'kafka' -d 'Topics, partitions, end offsets; a consumer group\'s committed offsets, lag and members.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl inspect" -eq 1' -fa 'diff' -d 'Per node: newest event, Consul entry and PostgreSQL row side by side; exit 75 if any is partial.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect consul" consul' -l 'consul' -d 'Consul HTTP address (default: CONSUL_HTTP_ADDR, else CONSUL_HOST:CONSUL_PORT, else 127.0.0.1:8500).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect consul" consul-token' -l 'consul-token' -d 'Consul ACL token (default: CONSUL_HTTP_TOKEN); never printed.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect consul" service' -l 'service' -d 'Only instances of this service name.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect consul" node-id' -l 'node-id' -d 'Only the instance with this service ID (the node id).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect consul" status' -l 'status' -d 'Only instances whose aggregated status is this: passing, warning or critical.' -rfka 'passing warning critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect consul" output' -l 'output' -d 'Output format: table or json.' -rfka 'table json ndjson raw'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect consul" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: info).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect consul" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect consul" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" node-id' -l 'node-id' -d 'Only this node.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" type' -l 'type' -d 'Only nodes of this type (effect, compute, reducer, orchestrator).' -rfka 'effect compute reducer orchestrator'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" status' -l 'status' -d 'Only nodes with this health status (healthy, degraded, stale, deregistered, …).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" stale' -l 'stale' -d 'Only nodes silent for longer than --stale-after.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" stale-after' -l 'stale-after' -d 'Seconds without a heartbeat that count as stale, with --stale (default: 90).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" environment' -l 'environment' -d 'Only nodes of this environment (default: all).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" output' -l 'output' -d 'Output format: table or json (default: table).' -rfka 'table json ndjson raw'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" postgres-url' -l 'postgres-url' -d 'PostgreSQL URL or key=value string (default: DATABASE_URL, else POSTGRES_* variables, else libpq\'s PG*).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: error; failures are reported anyway).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect kafka" group' -l 'group' -d 'A consumer group to show committed offsets, lag and members for.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect kafka"' -l 'topic' -d 'Only this topic (repeatable).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect kafka" partitions' -l 'partitions' -d 'One row per partition instead of one per topic.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect kafka" output' -l 'output' -d 'Output format: table or json.' -rfka 'table json ndjson raw'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect kafka" timeout' -l 'timeout' -d 'Seconds to wait for Kafka.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect kafka" brokers' -l 'brokers' -d 'Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect kafka"' -s 'X' -d 'A librdkafka property as key=value, repeatable (as kcat\'s -X).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect kafka" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: error; failures are reported anyway).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect kafka" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect kafka" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" node-id' -l 'node-id' -d 'Only this node.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" pending' -l 'pending' -d 'Only nodes whose registration is partial.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" registry' -l 'registry' -d 'A registry\'s base URL, to name the nodes that did not answer its last request.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" environment' -l 'environment' -d 'The environment compared (default: ENVIRONMENT, else dev).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" output' -l 'output' -d 'Output format: table or json.' -rfka 'table json ndjson raw'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" brokers' -l 'brokers' -d 'Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff"' -s 'X' -d 'A librdkafka property as key=value, repeatable (as kcat\'s -X).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" consul' -l 'consul' -d 'Consul HTTP address (default: CONSUL_HTTP_ADDR, else CONSUL_HOST:CONSUL_PORT, else 127.0.0.1:8500).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" consul-token' -l 'consul-token' -d 'Consul ACL token (default: CONSUL_HTTP_TOKEN); never printed.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" postgres-url' -l 'postgres-url' -d 'PostgreSQL URL or key=value string (default: DATABASE_URL, else POSTGRES_* variables, else libpq\'s PG*).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: error; failures are reported anyway).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl consume" -eq 1' -fa 'topic' -d 'Print the messages of one topic.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" o' -s 'o' -d 'Start: beginning, end, stored, an offset N, or -N (N before the end); default: beginning, or stored with --group.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" e' -s 'e' -d 'Exit when the end of every partition is reached.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" n' -s 'n' -d 'Exit after this many messages.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" p' -s 'p' -d 'Read only this partition.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" group' -l 'group' -d 'Read as a member of this consumer group, committing what was printed.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" output' -l 'output' -d 'Output format: ndjson, json, table or raw (the value, one per line).' -rfka 'table json ndjson raw'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" f' -s 'f' -d 'kcat format: %t topic, %p partition, %o offset, %k key, %K key length, %s value, %S value length, %T timestamp, %h headers (takes precedence over --output).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" timeout' -l 'timeout' -d 'Seconds to wait for Kafka\'s metadata.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" brokers' -l 'brokers' -d 'Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic"' -s 'X' -d 'A librdkafka property as key=value, repeatable (as kcat\'s -X).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: error; failures are reported anyway).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl repl" state-dir' -l 'state-dir' -d 'Read the addresses of a detached \'dev up\' from DIR/stack.json (default: none).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl repl" brokers' -l 'brokers' -d 'Kafka bootstrap servers (default: KAFKA_BOOTSTRAP_SERVERS, else 127.0.0.1:9092).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl repl" consul' -l 'consul' -d 'Consul HTTP address (default: CONSUL_HTTP_ADDR, else CONSUL_HOST:CONSUL_PORT, else 127.0.0.1:8500).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl repl" postgres-url' -l 'postgres-url' -d 'PostgreSQL URL or key=value string (default: DATABASE_URL, else POSTGRES_* variables, else libpq\'s PG*).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl repl" environment' -l 'environment' -d 'The environment (default: ENVIRONMENT, else dev).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl repl" keep-going' -l 'keep-going' -d 'In a script (stdin not a terminal), run every line even after a failure (default: stop).'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl repl" history-file' -l 'history-file' -d 'History file (default: $HOME/.bridgectl_history).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl repl" log-level' -l 'log-level' -d 'Log level of the commands run inside: trace … critical (default: error).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl repl" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl repl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl db" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl db" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl db" -eq 1' -fa 'migrate' -d 'Apply the schema\'s versioned migrations (the registry also does on start).'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl db migrate" dry-run' -l 'dry-run' -d 'Show what would be applied without changing anything.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl db migrate" output' -l 'output' -d 'Output format: table or json (default: table).' -rfka 'table json ndjson raw'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl db migrate" postgres-url' -l 'postgres-url' -d 'PostgreSQL URL or key=value string (default: DATABASE_URL, else POSTGRES_* variables, else libpq\'s PG*).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl db migrate" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: error; failures are reported anyway).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl db migrate" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl db migrate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl dev" -eq 1' -fa 'broker' -d 'An embedded Kafka broker (librdkafka\'s mock cluster) on a fixed port.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl dev" -eq 1' -fa 'consul' -d 'A development stand-in for a Consul agent, in memory.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl dev" -eq 1' -fa 'up' -d 'Start broker, Consul agent, PostgreSQL, registry and demo nodes.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl dev" -eq 1' -fa 'down' -d 'Stop what a detached \'dev up\' started.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl dev broker" -eq 1' -fa 'run' -d 'Run the broker until SIGTERM or SIGINT.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl dev broker" -eq 1' -fa 'down' -d 'Take brokers of a running \'dev broker\' off the network (their data stays).'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl dev broker" -eq 1' -fa 'up' -d 'Bring brokers of a running \'dev broker\' back on the network.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker run" port' -l 'port' -d 'The fixed bootstrap port on 127.0.0.1 (0: any free port).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker run" admin-port' -l 'admin-port' -d 'The admin endpoint\'s port on 127.0.0.1 (used by \'dev broker down|up\').' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker run" brokers' -l 'brokers' -d 'How many mock brokers to run.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker run" partitions' -l 'partitions' -d 'Partitions of each pre-created topic.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker run" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: info).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker run" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker down" broker' -l 'broker' -d 'Which broker: an id (1, 2, …) or all.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker down" admin-port' -l 'admin-port' -d 'The admin port of the running \'dev broker\'.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker down" output' -l 'output' -d 'Output format: table or json.' -rfka 'table json ndjson raw'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker down" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker down" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker up" broker' -l 'broker' -d 'Which broker: an id (1, 2, …) or all.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker up" admin-port' -l 'admin-port' -d 'The admin port of the running \'dev broker\'.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker up" output' -l 'output' -d 'Output format: table or json.' -rfka 'table json ndjson raw'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker up" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev broker up" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" port' -l 'port' -d 'The HTTP port (0: any free port; the one chosen is printed).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" bind' -l 'bind' -d 'The address to listen on.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" node-name' -l 'node-name' -d 'The node\'s name (default: this machine\'s host name).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" reap-interval' -l 'reap-interval' -d 'How often services with long-critical checks are reaped, as a Go duration (30s, 1m) or seconds.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" deregister-minimum' -l 'deregister-minimum' -d 'The lowest DeregisterCriticalServiceAfter honoured; lower values are raised to it (Consul: 1m).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" token' -l 'token' -d 'Turn ACLs on with default deny and this one management token.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical (default: info).' -rfka 'trace debug info notice warning error critical'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev up" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev up" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev down" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev down" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl bench" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl bench" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl help" version' -l 'version' -d 'Show the version.'
