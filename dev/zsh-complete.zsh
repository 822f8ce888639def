#!/usr/bin/env zsh
# zsh -f dev/zsh-complete.zsh LINE: prints LINE as it reads after one TAB in an interactive zsh with the system's
# completions (compinit over the default fpath, which holds /usr/share/zsh/vendor-completions).
zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z 'bindkey -e; PS1="> "; autoload -U compinit; compinit -u -D'
zpty -w -n z "$1"$'\t'
zpty -w -n z $'\C-aecho DONE \n'
local line out
for i in {1..300}; do   # bounded: 30 s
    if zpty -r -t z line 2>/dev/null; then
        out=${line//$'\r'/}
        [[ $out == DONE* ]] && { print -r -- "${out#DONE }"; zpty -d z; exit 0; }
    else
        sleep 0.1
    fi
done
zpty -d z; exit 1
