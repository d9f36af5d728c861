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
                __bridgectl_parse_subcommand 0 'version' 'h/help'
            case 'health'
                __bridgectl_parse_subcommand 0 'version' 'h/help'
            end
        case 'registry'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'run'
                __bridgectl_parse_subcommand 0 'version' 'h/help'
            end
        case 'introspect'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
        case 'heartbeat'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
        case 'inspect'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'consul'
                __bridgectl_parse_subcommand 0 'consul=' 'consul-token=' 'service=' 'node-id=' 'status=' 'output=' 'log-level=' 'version' 'h/help'
            case 'postgres'
                __bridgectl_parse_subcommand 0 'version' 'h/help'
            case 'kafka'
                __bridgectl_parse_subcommand 0 'version' 'h/help'
            case 'diff'
                __bridgectl_parse_subcommand 0 'version' 'h/help'
            end
        case 'consume'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'topic'
                __bridgectl_parse_subcommand 0 'version' 'h/help'
            end
        case 'repl'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
        case 'db'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'migrate'
                __bridgectl_parse_subcommand 0 'version' 'h/help'
            end
        case 'dev'
            __bridgectl_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'broker'
                __bridgectl_parse_subcommand 0 'version' 'h/help'
            case 'consul'
                __bridgectl_parse_subcommand 0 'port=' 'bind=' 'node-name=' 'reap-interval=' 'deregister-minimum=' 'log-level=' 'version' 'h/help'
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
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node health" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl node health" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl registry" -eq 1' -fa 'run' -d 'Run the registry until SIGTERM or SIGINT.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl registry run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl introspect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl heartbeat" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl inspect" -eq 1' -fa 'consul' -d 'Registered services with their check status.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl inspect" -eq 1' -fa 'postgres' -d 'Rows of node_registrations.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl inspect" -eq 1' -fa 'kafka' -d 'Topics, partitions, end offsets; a consumer group\'s members, offsets and lag.'
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
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect postgres" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect kafka" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect kafka" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl inspect diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl consume" -eq 1' -fa 'topic' -d 'Print the messages of one topic.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl consume topic" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl repl" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl repl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl db" version' -l 'version' -d 'Show the version.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl db" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_positional "bridgectl db" -eq 1' -fa 'migrate' -d 'Apply the schema\'s versioned migrations.'
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
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" port' -l 'port' -d 'The HTTP port (0: any free port; the one chosen is printed).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" bind' -l 'bind' -d 'The address to listen on.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" node-name' -l 'node-name' -d 'The node\'s name (default: this machine\'s host name).' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" reap-interval' -l 'reap-interval' -d 'How often services with long-critical checks are reaped, as a Go duration (30s, 1m) or seconds.' -rfka ''
complete -c 'bridgectl' -n '__bridgectl_should_offer_completions_for_flags_or_options "bridgectl dev consul" deregister-minimum' -l 'deregister-minimum' -d 'The lowest DeregisterCriticalServiceAfter honoured; lower values are raised to it (Consul: 1m).' -rfka ''
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
