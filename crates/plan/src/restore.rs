//! Diacritic restoration for text that lost its marks (OCR output, plain-ASCII typing).
//!
//! A word-level model built once from embedded clean texts (`data/corpus.txt`, `data/domain.txt`):
//! syllable counts and syllable-pair counts. Each input word gets candidates whose folded form is
//! equal to, or one edit away from, its folded form; a Viterbi pass over each run of words picks
//! the most likely sequence. Words with digits or symbols (`05/CT-UBND`) and unknown words are
//! kept as they are.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::text::{clean_line, edit_distance, fold};

/// Embedded clean texts (full diacritics).
const CORPUS: &str = include_str!("../data/corpus.txt");
/// Embedded domain phrases: units, titles, awards, places, name syllables.
pub(crate) const DOMAIN: &str = include_str!("../data/domain.txt");
/// Marker for a number in the pair model (`năm <num>`).
const NUM: &str = "<num>";

/// Syllable and pair counts, indexed by folded form and by single deletions.
pub struct Model {
    unigram: HashMap<String, u32>,
    /// Pair counts, by first word then second (looked up without building a key).
    bigram: HashMap<String, HashMap<String, u32>>,
    by_fold: HashMap<String, Vec<String>>,
    by_delete: HashMap<String, Vec<String>>,
    total: f64,
}

/// The model built from the embedded texts.
pub static MODEL: LazyLock<Model> = LazyLock::new(|| Model::build(&[CORPUS, DOMAIN]));

/// Splits a line into word-ish chunks: `Some(lowercase word)` for pure letters, `None` breaks.
fn corpus_tokens(line: &str) -> Vec<Option<String>> {
    line.split_whitespace()
        .map(|chunk| {
            let core = chunk.trim_matches(|c: char| !c.is_alphanumeric());
            if core.chars().all(char::is_alphabetic) && !core.is_empty() {
                Some(core.to_lowercase())
            } else if core.chars().all(|c| c.is_ascii_digit()) && !core.is_empty() {
                Some(NUM.to_string())
            } else {
                None
            }
        })
        .collect()
}

impl Model {
    /// Counts syllables and pairs in the given texts.
    fn build(texts: &[&str]) -> Model {
        let mut unigram: HashMap<String, u32> = HashMap::new();
        let mut bigram: HashMap<String, HashMap<String, u32>> = HashMap::new();
        for text in texts {
            for raw in text.lines().filter(|l| !l.starts_with('#')) {
                let line = clean_line(raw).text;
                let toks = corpus_tokens(&line);
                for t in toks.iter().flatten() {
                    *unigram.entry(t.clone()).or_default() += 1;
                }
                for pair in toks.windows(2) {
                    if let (Some(a), Some(b)) = (&pair[0], &pair[1]) {
                        *bigram
                            .entry(a.clone())
                            .or_default()
                            .entry(b.clone())
                            .or_default() += 1;
                    }
                }
            }
        }
        let mut by_fold: HashMap<String, Vec<String>> = HashMap::new();
        let mut by_delete: HashMap<String, Vec<String>> = HashMap::new();
        let has_vowel = |w: &str| fold(w).chars().any(|c| "aeiouy".contains(c));
        for w in unigram.keys().filter(|w| w.as_str() != NUM && has_vowel(w)) {
            let f = fold(w);
            for d in deletions(&f) {
                let list = by_delete.entry(d).or_default();
                if !list.contains(&f) {
                    list.push(f.clone());
                }
            }
            by_fold.entry(f).or_default().push(w.clone());
        }
        let total = unigram
            .values()
            .map(|c| f64::from(*c))
            .sum::<f64>()
            .max(1.0);
        Model {
            unigram,
            bigram,
            by_fold,
            by_delete,
            total,
        }
    }

    /// Whether the lowercase word is a known syllable with its marks.
    pub fn knows(&self, lower: &str) -> bool {
        self.unigram.contains_key(lower)
    }

    /// Candidate spellings for a lowercase word with an emission log-score each: 0 for the word
    /// itself, -1 for the same letters with other marks, -6 per edit otherwise.
    fn candidates(&self, lower: &str) -> Vec<(String, f64)> {
        let f = fold(lower);
        let mut keys: Vec<&String> = Vec::new();
        if let Some((k, _)) = self.by_fold.get_key_value(&f) {
            keys.push(k);
        }
        if f.chars().count() >= 2 {
            for d in deletions(&f).iter().chain(std::iter::once(&f)) {
                if let Some(list) = self.by_delete.get(d) {
                    keys.extend(list.iter());
                }
                if let Some((k, _)) = self.by_fold.get_key_value(d) {
                    keys.push(k);
                }
            }
        }
        keys.sort();
        keys.dedup();
        let mut out: Vec<(String, f64, usize)> = Vec::new();
        for k in keys {
            let dist = edit_distance(k, &f, 2);
            if dist > 2 {
                continue;
            }
            for w in self.by_fold.get(k).into_iter().flatten() {
                let emit = if w == lower {
                    0.0
                } else if dist == 0 {
                    -1.0
                } else {
                    -6.0 * dist as f64
                };
                out.push((w.clone(), emit, dist));
            }
        }
        out.sort_by(|a, b| a.2.cmp(&b.2).then(self.count(&b.0).cmp(&self.count(&a.0))));
        out.truncate(12);
        out.into_iter().map(|(w, e, _)| (w, e)).collect()
    }

    /// Count of a syllable.
    fn count(&self, w: &str) -> u32 {
        self.unigram.get(w).copied().unwrap_or(0)
    }
}

/// All strings with one char removed.
fn deletions(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    (0..chars.len())
        .map(|i| {
            chars
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, c)| *c)
                .collect()
        })
        .collect()
}

/// Share of letter-only words that are known syllables with their marks (0..=1).
pub fn known_ratio(text: &str) -> f32 {
    let model = &*MODEL;
    let (mut known, mut all) = (0u32, 0u32);
    for tok in corpus_tokens(text).into_iter().flatten() {
        if tok == NUM {
            continue;
        }
        all += 1;
        known += u32::from(model.knows(&tok));
    }
    if all == 0 {
        1.0
    } else {
        known as f32 / all as f32
    }
}

/// Restores marks in one line; chunks with digits or symbols and unknown words stay unchanged.
pub fn restore_line(line: &str) -> String {
    let model = &*MODEL;
    let chunks: Vec<&str> = line.split(' ').collect();
    let mut out: Vec<String> = chunks.iter().map(|c| c.to_string()).collect();
    let mut run: Vec<(usize, String)> = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        let (lead, core, _) = split_core(chunk);
        let plain = !core.is_empty() && core.chars().all(char::is_alphabetic) && !is_acronym(core);
        let number = !core.is_empty() && core.chars().all(|c| c.is_ascii_digit());
        if lead > 0 || !(plain || number) {
            flush(model, &mut run, &chunks, &mut out);
        }
        if plain {
            run.push((i, core.to_lowercase()));
        } else if number {
            run.push((i, NUM.to_string()));
        }
        if (plain || number) && chunk.len() != lead + core.len() {
            flush(model, &mut run, &chunks, &mut out);
        }
    }
    flush(model, &mut run, &chunks, &mut out);
    out.join(" ")
}

/// Splits a chunk into (leading punctuation length, core letters, rest).
fn split_core(chunk: &str) -> (usize, &str, &str) {
    let start = chunk
        .find(|c: char| c.is_alphanumeric())
        .unwrap_or(chunk.len());
    let rest = &chunk[start..];
    let end = rest
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    (start, &rest[..end], &rest[end..])
}

/// Uppercase abbreviations (`UBND`, `TĐKT`) that are not syllables.
fn is_acronym(core: &str) -> bool {
    let n = core.chars().count();
    n >= 2
        && core.chars().all(char::is_uppercase)
        && !MODEL.knows(&core.to_lowercase())
        && fold(core).chars().all(|c| !"aeiouy".contains(c))
        || (n >= 3
            && core.chars().all(char::is_uppercase)
            && matches!(core, "UBND" | "HĐND" | "TĐKT" | "MTTQ" | "VN"))
}

/// One candidate spelling with what the Viterbi pass needs, computed once per distinct word.
struct Cand {
    word: String,
    /// Emission log-score.
    emit: f64,
    /// Smoothed single-word probability.
    uni: f64,
    /// Count of the word as a previous word (at least 1).
    prev_count: f64,
}

thread_local! {
    /// Candidates of the words seen so far on this thread (documents repeat their words).
    static CANDIDATES: std::cell::RefCell<HashMap<String, std::rc::Rc<Vec<Cand>>>> =
        std::cell::RefCell::new(HashMap::new());
}

/// The candidates of a lowercase word (or of a number), cached.
fn cached_candidates(model: &Model, w: &str) -> std::rc::Rc<Vec<Cand>> {
    if let Some(hit) = CANDIDATES.with(|c| c.borrow().get(w).cloned()) {
        return hit;
    }
    let raw = if w == NUM {
        vec![(NUM.to_string(), 0.0)]
    } else {
        let c = model.candidates(w);
        if c.is_empty() {
            vec![(w.to_string(), -6.0)]
        } else {
            c
        }
    };
    let cands: Vec<Cand> = raw
        .into_iter()
        .map(|(word, emit)| Cand {
            uni: (f64::from(model.count(&word)) + 0.1) / model.total,
            prev_count: f64::from(model.count(&word)).max(1.0),
            word,
            emit,
        })
        .collect();
    let rc = std::rc::Rc::new(cands);
    CANDIDATES.with(|c| {
        let mut map = c.borrow_mut();
        if map.len() > 50_000 {
            map.clear();
        }
        map.insert(w.to_string(), rc.clone());
    });
    rc
}

/// Decodes a run of words with Viterbi and writes the chosen spellings back.
fn flush(model: &Model, run: &mut Vec<(usize, String)>, chunks: &[&str], out: &mut [String]) {
    if run.is_empty() {
        return;
    }
    let lattice: Vec<std::rc::Rc<Vec<Cand>>> = run
        .iter()
        .map(|(_, w)| cached_candidates(model, w))
        .collect();
    let best = viterbi(model, &lattice);
    for ((idx, _), choice) in run.iter().zip(best) {
        if choice == NUM {
            continue;
        }
        if let Some(chunk) = chunks.get(*idx) {
            out[*idx] = replace_core(chunk, &choice);
        }
    }
    run.clear();
}

/// Log-probability of `w` after `prev` (interpolated pair and single counts).
fn transition(model: &Model, prev: &Cand, w: &Cand) -> f64 {
    let pair = model
        .bigram
        .get(&prev.word)
        .and_then(|next| next.get(&w.word))
        .copied()
        .unwrap_or(0);
    (0.75 * f64::from(pair) / prev.prev_count + 0.25 * w.uni).ln()
}

/// Most likely path through the candidate lattice.
fn viterbi(model: &Model, lattice: &[std::rc::Rc<Vec<Cand>>]) -> Vec<String> {
    let mut scores: Vec<Vec<(f64, usize)>> = Vec::with_capacity(lattice.len());
    for (t, cands) in lattice.iter().enumerate() {
        let mut row = Vec::with_capacity(cands.len());
        for c in cands.iter() {
            if t == 0 {
                row.push((c.emit + c.uni.ln(), 0));
                continue;
            }
            let mut best = (f64::NEG_INFINITY, 0);
            for (j, p) in lattice[t - 1].iter().enumerate() {
                let s = scores[t - 1][j].0 + transition(model, p, c);
                if s > best.0 {
                    best = (s, j);
                }
            }
            row.push((best.0 + c.emit, best.1));
        }
        scores.push(row);
    }
    let mut path = vec![String::new(); lattice.len()];
    let Some(last) = scores.last() else {
        return path;
    };
    let mut k = (0..last.len())
        .max_by(|a, b| last[*a].0.total_cmp(&last[*b].0))
        .unwrap_or(0);
    for t in (0..lattice.len()).rev() {
        path[t] = lattice[t]
            .get(k)
            .map(|c| c.word.clone())
            .unwrap_or_default();
        k = scores[t].get(k).map(|s| s.1).unwrap_or(0);
    }
    path
}

/// Puts `word` in place of the chunk's letters, keeping punctuation and the case pattern.
fn replace_core(chunk: &str, word: &str) -> String {
    let (lead, core, rest) = split_core(chunk);
    let upper = core.chars().count() > 1 && core.chars().all(char::is_uppercase);
    let cap = core.chars().next().is_some_and(char::is_uppercase);
    let w = if upper {
        word.to_uppercase()
    } else if cap {
        crate::text::capitalize(word)
    } else {
        word.to_string()
    };
    format!("{}{}{}", &chunk[..lead], w, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restores_common_phrases() {
        assert_eq!(
            restore_line("phong trao thi dua yeu nuoc"),
            "phong trào thi đua yêu nước"
        );
        assert_eq!(
            restore_line("Uy ban nhan dan Quan 7"),
            "Ủy ban nhân dân Quận 7"
        );
        assert_eq!(restore_line("KE HOACH"), "KẾ HOẠCH");
    }

    #[test]
    fn keeps_codes() {
        assert_eq!(restore_line("so 05/CT-UBND ngay"), "số 05/CT-UBND ngày");
    }

    #[test]
    fn known_ratio_separates_clean_text() {
        assert!(known_ratio("Ủy ban nhân dân quận phát động phong trào thi đua") > 0.9);
        assert!(known_ratio("Uy ban nhan din Quén phat déng phong trao") < 0.7);
    }
}
