#!/bin/bash

__bridgectl_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__bridgectl_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__bridgectl_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__bridgectl_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_bridgectl() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __bridgectl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    node|registry|introspect|heartbeat|inspect|consume|repl|db|dev|bench|help)
        # Offer subcommand argument completions
        "_bridgectl_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'node registry introspect heartbeat inspect consume repl db dev bench help' -- "${cur}"))
        ;;
    esac
}

_bridgectl_node() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __bridgectl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run|health)
        # Offer subcommand argument completions
        "_bridgectl_node_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run health' -- "${cur}"))
        ;;
    esac
}

_bridgectl_node_run() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--endpoint --capability --metadata -X)
    non_repeating_options=(--node-id --node-type --node-version --node-role --manifest --epoch --count --node-id-prefix --heartbeat-interval --port --host --advertise-url --environment --brokers --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--node-id')
        return
        ;;
    '--node-type')
        __bridgectl_add_completions -W 'effect'$'\n''compute'$'\n''reducer'$'\n''orchestrator'
        return
        ;;
    '--node-version')
        return
        ;;
    '--node-role')
        return
        ;;
    '--endpoint')
        return
        ;;
    '--capability')
        return
        ;;
    '--metadata')
        return
        ;;
    '--manifest')
        return
        ;;
    '--epoch')
        return
        ;;
    '--count')
        return
        ;;
    '--node-id-prefix')
        return
        ;;
    '--heartbeat-interval')
        return
        ;;
    '--port')
        return
        ;;
    '--host')
        return
        ;;
    '--advertise-url')
        return
        ;;
    '--environment')
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_node_health() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--url --port --node-id --timeout)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--port')
        return
        ;;
    '--node-id')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_bridgectl_registry() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __bridgectl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run)
        # Offer subcommand argument completions
        "_bridgectl_registry_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run' -- "${cur}"))
        ;;
    esac
}

_bridgectl_registry_run() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(-X)
    non_repeating_options=(--registry-id --group --environment --port --bind --advertise-host --consul-service-name --consul-check --deregister-critical-after --heartbeat-interval --batch-size --consul-concurrency --response-timeout-ms --stale-after --evict-after --eviction-pause-fraction --consul-sync-interval --brokers --consul --consul-token --postgres-url --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--registry-id')
        return
        ;;
    '--group')
        return
        ;;
    '--environment')
        return
        ;;
    '--port')
        return
        ;;
    '--bind')
        return
        ;;
    '--advertise-host')
        return
        ;;
    '--consul-service-name')
        return
        ;;
    '--consul-check')
        return
        ;;
    '--deregister-critical-after')
        return
        ;;
    '--heartbeat-interval')
        return
        ;;
    '--batch-size')
        return
        ;;
    '--consul-concurrency')
        return
        ;;
    '--response-timeout-ms')
        return
        ;;
    '--stale-after')
        return
        ;;
    '--evict-after')
        return
        ;;
    '--eviction-pause-fraction')
        return
        ;;
    '--consul-sync-interval')
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--consul')
        return
        ;;
    '--consul-token')
        return
        ;;
    '--postgres-url')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_introspect() {
    repeating_flags=()
    non_repeating_flags=(--request --version -h --help)
    repeating_options=(--endpoint --capability --metadata --target-type -X)
    non_repeating_options=(--node-id --node-type --node-version --node-role --epoch --broadcast-reason --manifest --reason --registry-id --response-timeout-ms --environment --topic --timeout --output --brokers --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--node-id')
        return
        ;;
    '--node-type')
        return
        ;;
    '--node-version')
        return
        ;;
    '--node-role')
        return
        ;;
    '--endpoint')
        return
        ;;
    '--capability')
        return
        ;;
    '--metadata')
        return
        ;;
    '--epoch')
        return
        ;;
    '--broadcast-reason')
        return
        ;;
    '--manifest')
        return
        ;;
    '--target-type')
        return
        ;;
    '--reason')
        return
        ;;
    '--registry-id')
        return
        ;;
    '--response-timeout-ms')
        return
        ;;
    '--environment')
        return
        ;;
    '--topic')
        return
        ;;
    '--timeout')
        return
        ;;
    '--output')
        __bridgectl_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''raw'
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_heartbeat() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--metadata -X)
    non_repeating_options=(--node-id --node-type --status --count --interval --uptime --active-operations --epoch --environment --topic --timeout --output --brokers --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--node-id')
        return
        ;;
    '--node-type')
        return
        ;;
    '--status')
        return
        ;;
    '--count')
        return
        ;;
    '--interval')
        return
        ;;
    '--uptime')
        return
        ;;
    '--active-operations')
        return
        ;;
    '--epoch')
        return
        ;;
    '--metadata')
        return
        ;;
    '--environment')
        return
        ;;
    '--topic')
        return
        ;;
    '--timeout')
        return
        ;;
    '--output')
        __bridgectl_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''raw'
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_inspect() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __bridgectl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    consul|postgres|kafka|diff)
        # Offer subcommand argument completions
        "_bridgectl_inspect_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'consul postgres kafka diff' -- "${cur}"))
        ;;
    esac
}

_bridgectl_inspect_consul() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--consul --consul-token --service --node-id --status --output --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--consul')
        return
        ;;
    '--consul-token')
        return
        ;;
    '--service')
        return
        ;;
    '--node-id')
        return
        ;;
    '--status')
        __bridgectl_add_completions -W 'passing'$'\n''warning'$'\n''critical'
        return
        ;;
    '--output')
        __bridgectl_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''raw'
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_inspect_postgres() {
    repeating_flags=()
    non_repeating_flags=(--stale --version -h --help)
    repeating_options=()
    non_repeating_options=(--node-id --type --status --stale-after --environment --output --postgres-url --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--node-id')
        return
        ;;
    '--type')
        __bridgectl_add_completions -W 'effect'$'\n''compute'$'\n''reducer'$'\n''orchestrator'
        return
        ;;
    '--status')
        return
        ;;
    '--stale-after')
        return
        ;;
    '--environment')
        return
        ;;
    '--output')
        __bridgectl_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''raw'
        return
        ;;
    '--postgres-url')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_inspect_kafka() {
    repeating_flags=()
    non_repeating_flags=(--partitions --version -h --help)
    repeating_options=(--topic -X)
    non_repeating_options=(--group --output --timeout --brokers --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--group')
        return
        ;;
    '--topic')
        return
        ;;
    '--output')
        __bridgectl_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''raw'
        return
        ;;
    '--timeout')
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_inspect_diff() {
    repeating_flags=()
    non_repeating_flags=(--pending --version -h --help)
    repeating_options=(-X)
    non_repeating_options=(--node-id --registry --environment --output --brokers --consul --consul-token --postgres-url --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--node-id')
        return
        ;;
    '--registry')
        return
        ;;
    '--environment')
        return
        ;;
    '--output')
        __bridgectl_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''raw'
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--consul')
        return
        ;;
    '--consul-token')
        return
        ;;
    '--postgres-url')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_consume() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __bridgectl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    topic)
        # Offer subcommand argument completions
        "_bridgectl_consume_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'topic' -- "${cur}"))
        ;;
    esac
}

_bridgectl_consume_topic() {
    repeating_flags=()
    non_repeating_flags=(-e --version -h --help)
    repeating_options=(-X)
    non_repeating_options=(-o -n -p --group --output -f --timeout --brokers --log-level)
    __bridgectl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-o')
        return
        ;;
    '-n')
        return
        ;;
    '-p')
        return
        ;;
    '--group')
        return
        ;;
    '--output')
        __bridgectl_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''raw'
        return
        ;;
    '-f')
        return
        ;;
    '--timeout')
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_repl() {
    repeating_flags=()
    non_repeating_flags=(--keep-going --version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir --brokers --consul --postgres-url --environment --history-file --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    '--brokers')
        return
        ;;
    '--consul')
        return
        ;;
    '--postgres-url')
        return
        ;;
    '--environment')
        return
        ;;
    '--history-file')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_db() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __bridgectl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    migrate)
        # Offer subcommand argument completions
        "_bridgectl_db_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'migrate' -- "${cur}"))
        ;;
    esac
}

_bridgectl_db_migrate() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--output --postgres-url --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output')
        __bridgectl_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''raw'
        return
        ;;
    '--postgres-url')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_dev() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __bridgectl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    broker|consul|up|down)
        # Offer subcommand argument completions
        "_bridgectl_dev_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'broker consul up down' -- "${cur}"))
        ;;
    esac
}

_bridgectl_dev_broker() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __bridgectl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run|down|up)
        # Offer subcommand argument completions
        "_bridgectl_dev_broker_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run down up' -- "${cur}"))
        ;;
    esac
}

_bridgectl_dev_broker_run() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--port --admin-port --brokers --partitions --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--port')
        return
        ;;
    '--admin-port')
        return
        ;;
    '--brokers')
        return
        ;;
    '--partitions')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_dev_broker_down() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--broker --admin-port --output)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--broker')
        return
        ;;
    '--admin-port')
        return
        ;;
    '--output')
        __bridgectl_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''raw'
        return
        ;;
    esac
}

_bridgectl_dev_broker_up() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--broker --admin-port --output)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--broker')
        return
        ;;
    '--admin-port')
        return
        ;;
    '--output')
        __bridgectl_add_completions -W 'table'$'\n''json'$'\n''ndjson'$'\n''raw'
        return
        ;;
    esac
}

_bridgectl_dev_consul() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--port --bind --node-name --reap-interval --deregister-minimum --token --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--port')
        return
        ;;
    '--bind')
        return
        ;;
    '--node-name')
        return
        ;;
    '--reap-interval')
        return
        ;;
    '--deregister-minimum')
        return
        ;;
    '--token')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_dev_up() {
    repeating_flags=()
    non_repeating_flags=(--detach --version -h --help)
    repeating_options=()
    non_repeating_options=(--demo --state-dir --postgres-url --environment --heartbeat-interval --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--demo')
        return
        ;;
    '--state-dir')
        return
        ;;
    '--postgres-url')
        return
        ;;
    '--environment')
        return
        ;;
    '--heartbeat-interval')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_dev_down() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--state-dir)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--state-dir')
        return
        ;;
    esac
}

_bridgectl_bench() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __bridgectl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    latency|fleet|sustained|burst|heartbeats|ceilings|compare)
        # Offer subcommand argument completions
        "_bridgectl_bench_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'latency fleet sustained burst heartbeats ceilings compare' -- "${cur}"))
        ;;
    esac
}

_bridgectl_bench_latency() {
    repeating_flags=()
    non_repeating_flags=(--embedded --cleanup --version -h --help)
    repeating_options=(-X)
    non_repeating_options=(-n --count --warmup --brokers --consul --consul-token --postgres-url --registry --registry-pid --state-dir --environment --json --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-n'|'--count')
        return
        ;;
    '--warmup')
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--consul')
        return
        ;;
    '--consul-token')
        return
        ;;
    '--postgres-url')
        return
        ;;
    '--registry')
        return
        ;;
    '--registry-pid')
        return
        ;;
    '--state-dir')
        return
        ;;
    '--environment')
        return
        ;;
    '--json')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_bench_fleet() {
    repeating_flags=()
    non_repeating_flags=(--embedded --cleanup --version -h --help)
    repeating_options=(-X)
    non_repeating_options=(--nodes --timeout --brokers --consul --consul-token --postgres-url --registry --registry-pid --state-dir --environment --json --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--nodes')
        return
        ;;
    '--timeout')
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--consul')
        return
        ;;
    '--consul-token')
        return
        ;;
    '--postgres-url')
        return
        ;;
    '--registry')
        return
        ;;
    '--registry-pid')
        return
        ;;
    '--state-dir')
        return
        ;;
    '--environment')
        return
        ;;
    '--json')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_bench_sustained() {
    repeating_flags=()
    non_repeating_flags=(--embedded --cleanup --version -h --help)
    repeating_options=(-X)
    non_repeating_options=(--rate --duration --heartbeat-interval --brokers --consul --consul-token --postgres-url --registry --registry-pid --state-dir --environment --json --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--rate')
        return
        ;;
    '--duration')
        return
        ;;
    '--heartbeat-interval')
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--consul')
        return
        ;;
    '--consul-token')
        return
        ;;
    '--postgres-url')
        return
        ;;
    '--registry')
        return
        ;;
    '--registry-pid')
        return
        ;;
    '--state-dir')
        return
        ;;
    '--environment')
        return
        ;;
    '--json')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_bench_burst() {
    repeating_flags=()
    non_repeating_flags=(--embedded --cleanup --version -h --help)
    repeating_options=(-X)
    non_repeating_options=(--rate --baseline --burst --recovery --brokers --consul --consul-token --postgres-url --registry --registry-pid --state-dir --environment --json --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--rate')
        return
        ;;
    '--baseline')
        return
        ;;
    '--burst')
        return
        ;;
    '--recovery')
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--consul')
        return
        ;;
    '--consul-token')
        return
        ;;
    '--postgres-url')
        return
        ;;
    '--registry')
        return
        ;;
    '--registry-pid')
        return
        ;;
    '--state-dir')
        return
        ;;
    '--environment')
        return
        ;;
    '--json')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_bench_heartbeats() {
    repeating_flags=()
    non_repeating_flags=(--embedded --cleanup --version -h --help)
    repeating_options=(-X)
    non_repeating_options=(--nodes --interval --duration --brokers --consul --consul-token --postgres-url --registry --registry-pid --state-dir --environment --json --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--nodes')
        return
        ;;
    '--interval')
        return
        ;;
    '--duration')
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--consul')
        return
        ;;
    '--consul-token')
        return
        ;;
    '--postgres-url')
        return
        ;;
    '--registry')
        return
        ;;
    '--registry-pid')
        return
        ;;
    '--state-dir')
        return
        ;;
    '--environment')
        return
        ;;
    '--json')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_bench_ceilings() {
    repeating_flags=()
    non_repeating_flags=(--embedded --cleanup --version -h --help)
    repeating_options=(-X)
    non_repeating_options=(--rows --services --passes --connections --brokers --consul --consul-token --postgres-url --registry --registry-pid --state-dir --environment --json --log-level)
    __bridgectl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--rows')
        return
        ;;
    '--services')
        return
        ;;
    '--passes')
        return
        ;;
    '--connections')
        return
        ;;
    '--brokers')
        return
        ;;
    '-X')
        return
        ;;
    '--consul')
        return
        ;;
    '--consul-token')
        return
        ;;
    '--postgres-url')
        return
        ;;
    '--registry')
        return
        ;;
    '--registry-pid')
        return
        ;;
    '--state-dir')
        return
        ;;
    '--environment')
        return
        ;;
    '--json')
        return
        ;;
    '--log-level')
        __bridgectl_add_completions -W 'trace'$'\n''debug'$'\n''info'$'\n''notice'$'\n''warning'$'\n''error'$'\n''critical'
        return
        ;;
    esac
}

_bridgectl_bench_compare() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--threshold)
    __bridgectl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--threshold')
        return
        ;;
    esac
}

_bridgectl_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __bridgectl_offer_flags_options -1
}

complete -o filenames -F _bridgectl bridgectl
