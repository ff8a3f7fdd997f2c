//! The Help & Support guides, per language: each topic is a list of sections,
//! each section a title and its steps. Both languages have the same sections
//! under the same ids (a browser test compares them), so a link to
//! `/help/<topic>#<section>` works in either.

use crate::i18n::Locale;
use crate::routes::HelpTopic;

mod en;
mod es;

/// One section of a guide: `id` is its anchor.
pub struct Section {
    pub id: &'static str,
    pub title: &'static str,
    pub steps: &'static [&'static str],
}

/// The guide of `topic` in `locale`.
pub fn guide(locale: Locale, topic: HelpTopic) -> &'static [Section] {
    match locale {
        Locale::En => en::guide(topic),
        Locale::Es => es::guide(topic),
    }
}

/// Lower case without accents, so `pin` finds `PIN` and `codigo` finds `código`.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            other => other,
        })
        .collect()
}

/// A section matching a search, with the text that shows why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub topic: HelpTopic,
    pub section: &'static str,
    pub title: &'static str,
    /// The step (in the page's language) holding the most words searched
    /// for, or the first step: what the results page shows under the title.
    pub snippet: &'static str,
}

/// Words employees use for what the guides call otherwise, folded: each
/// finds its guide word too ("password" finds the PIN guides).
const SYNONYMS: &[(&str, &str)] = &[
    ("password", "pin"),
    ("passcode", "pin"),
    ("passwort", "pin"),
    ("contrasena", "pin"),
    ("clave", "pin"),
    ("otp", "one-time pin"),
    ("2fa", "multi-factor"),
    ("mfa", "multi-factor"),
    ("login", "sign in"),
    ("log", "sign"),
    ("signin", "sign in"),
    ("lockout", "lock"),
    ("locked", "lock"),
    ("bloqueado", "bloque"),
];

/// The ways one folded word of a search may appear in a guide: itself, and
/// the guide word it is a synonym of.
fn forms(word: &str) -> Vec<&str> {
    let mut forms = vec![word];
    forms.extend(
        SYNONYMS
            .iter()
            .filter(|(synonym, _)| *synonym == word)
            .map(|(_, guide_word)| *guide_word),
    );
    forms
}

/// A section's searchable text, folded: the topic title, the section title
/// and every step.
fn section_text(locale: Locale, topic: HelpTopic, section: &Section) -> String {
    format!(
        "{} {} {}",
        fold(locale.text(topic.title())),
        fold(section.title),
        fold(&section.steps.join(" "))
    )
}

/// The sections whose topic title, section title or steps hold every word of
/// `query` (accents and case ignored, synonyms counted) in either language,
/// so Spanish and English words find the same topics; in guide order, shown
/// in `locale`.
pub fn search(locale: Locale, query: &str) -> Vec<Hit> {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let words = &words;
    let holds_every_word = move |text: &str| {
        words
            .iter()
            .all(|word| forms(word).iter().any(|form| text.contains(form)))
    };
    HelpTopic::ALL
        .into_iter()
        .flat_map(move |topic| {
            let shown = guide(locale, topic);
            shown
                .iter()
                .enumerate()
                .filter_map(move |(index, section)| {
                    let found = Locale::ALL.into_iter().any(|language| {
                        guide(language, topic).get(index).is_some_and(|same| {
                            holds_every_word(&section_text(language, topic, same))
                        })
                    });
                    found.then(|| Hit {
                        topic,
                        section: section.id,
                        title: section.title,
                        snippet: best_step(section, words),
                    })
                })
        })
        .collect()
}

/// The step with the most of `words` in it (the first on a tie).
fn best_step(section: &Section, words: &[String]) -> &'static str {
    let score = |step: &str| {
        let step = fold(step);
        words
            .iter()
            .filter(|word| forms(word).iter().any(|form| step.contains(form)))
            .count()
    };
    section
        .steps
        .iter()
        .copied()
        .enumerate()
        .max_by_key(|(index, step)| (score(step), std::cmp::Reverse(*index)))
        .map_or(section.title, |(_, step)| step)
}

/// `text` cut into pieces, each marked when it is one of `query`'s words (or
/// their synonyms) as the search found them: accents and case ignored.
pub fn highlight(text: &str, query: &str) -> Vec<(bool, String)> {
    // Each char of `text` folds to one or more chars; `origin` maps every
    // folded char back to the char it came from.
    let chars: Vec<char> = text.chars().collect();
    let mut folded = Vec::new();
    let mut origin = Vec::new();
    for (index, c) in chars.iter().enumerate() {
        for f in fold(&c.to_string()).chars() {
            folded.push(f);
            origin.push(index);
        }
    }
    let mut marked = vec![false; chars.len()];
    let query = fold(query);
    for word in query.split_whitespace() {
        for form in forms(word) {
            let form: Vec<char> = form.chars().collect();
            if form.is_empty() || form.len() > folded.len() {
                continue;
            }
            for start in 0..=folded.len() - form.len() {
                if folded[start..start + form.len()] == form[..] {
                    for &char_index in &origin[start..start + form.len()] {
                        marked[char_index] = true;
                    }
                }
            }
        }
    }
    let mut pieces: Vec<(bool, String)> = Vec::new();
    for (c, mark) in chars.into_iter().zip(marked) {
        match pieces.last_mut() {
            Some((last, piece)) if *last == mark => piece.push(c),
            _ => pieces.push((mark, c.to_string())),
        }
    }
    pieces
}
