# bash completion for gazette-search and gazette-index.
# Installed as share/bash-completion/completions/gazette-search and
# .../gazette-index (bash-completion loads a file by the command's name).
# Kept in sync with the option tables (searcher/options.cc, indexer/options.cc):
# the CTest test cli.docs_in_sync checks every option of --help is listed here.

_gazette_search_options="--db --filter --exclude --facets --facet-size --facet-prefix
  --date-granularity --date-from --date-to --multi-select --limit --offset --match
  --strict-order --recency --recency-weight --bm25-k1 --bm25-b --title-weight --near-weight
  --near-window --phrase-weight --sort --correct --like --related --time-limit --snippet-size
  --count --ids --mark-start --mark-end --format --json --compact --color --timing --count-mode
  --batch --stats --help --version"
_gazette_index_options="--db --format --jobs --batch-size --segment-size --segment-terms --merge-factor --memory --no-sync --compact --delete --rebuild-stores --strict --wait --check --quiet
  --summary-json --max-article-mb --field --entities --print-entities --ner-model --ner-rules
  --synonyms --progress --no-progress --help --version"
_gazette_fields="person= place= group= topic= source= date="
_gazette_facets="person place group topic source date all"

_gazette_complete() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion -n = || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
  fi
  local cmd=${1##*/}
  case $prev in
    --db|-d)
      COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --synonyms|--ner-model)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --filter|--exclude|--facet-prefix|--related)
      compopt -o nospace 2>/dev/null
      COMPREPLY=($(compgen -W "$_gazette_fields" -- "$cur")); return ;;
    --facets)
      # A comma-separated list: complete the last item.
      local done=${cur%"${cur##*,}"}
      COMPREPLY=($(compgen -P "$done" -W "$_gazette_facets" -- "${cur##*,}")); return ;;
    --date-granularity)
      COMPREPLY=($(compgen -W "auto year month day" -- "$cur")); return ;;
    --sort)
      COMPREPLY=($(compgen -W "relevance newest oldest" -- "$cur")); return ;;
    --match)
      COMPREPLY=($(compgen -W "ranked all any" -- "$cur")); return ;;
    --color)
      COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --count-mode)
      COMPREPLY=($(compgen -W "auto no-stores combined" -- "$cur")); return ;;
    --entities)
      COMPREPLY=($(compgen -W "auto metadata extract both" -- "$cur")); return ;;
    --field)
      compopt -o nospace 2>/dev/null
      COMPREPLY=($(compgen -W "id= title= body= date= source= url= dateline= persons= places= groups= topics=" -- "$cur")); return ;;
    --format|-f)
      if [[ $cmd == gazette-index ]]; then
        COMPREPLY=($(compgen -W "auto jsonl json text reuters html warc nitf newsml feed rss atom csv tsv" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "text json csv csv-facets" -- "$cur"))
      fi
      return ;;
    --facet-size|--limit|-n|--offset|--recency|--recency-weight|--bm25-k1|--bm25-b|\
    --title-weight|--near-weight|--near-window|--phrase-weight|--like|--time-limit|\
    --snippet-size|--mark-start|--mark-end|--date-from|--date-to|--jobs|-j|--batch-size|--segment-size|--segment-terms|--merge-factor|\
    --wait|--max-article-mb|--memory)
      return ;;  # a value of the user's
  esac
  if [[ $cur == -* ]]; then
    if [[ $cmd == gazette-index ]]; then
      COMPREPLY=($(compgen -W "$_gazette_index_options" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$_gazette_search_options" -- "$cur"))
    fi
  elif [[ $cmd == gazette-index ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))  # input files and directories
  fi
}
complete -F _gazette_complete gazette-search gazette-index
