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

/// A section matching a search.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub topic: HelpTopic,
    pub section: &'static str,
    pub title: &'static str,
}

/// The sections whose topic title, section title or steps hold every word of
/// `query` (accents and case ignored), in guide order.
pub fn search(
    locale: Locale,
    query: &str,
    topic_title: impl Fn(HelpTopic) -> &'static str,
) -> Vec<Hit> {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
    if words.is_empty() {
        return Vec::new();
    }
    HelpTopic::ALL
        .into_iter()
        .flat_map(|topic| {
            let heading = fold(topic_title(topic));
            let words = &words;
            guide(locale, topic).iter().filter_map(move |section| {
                let text = format!(
                    "{heading} {} {}",
                    fold(section.title),
                    fold(&section.steps.join(" "))
                );
                words
                    .iter()
                    .all(|word| text.contains(word.as_str()))
                    .then_some(Hit {
                        topic,
                        section: section.id,
                        title: section.title,
                    })
            })
        })
        .collect()
}
