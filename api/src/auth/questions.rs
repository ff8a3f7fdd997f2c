//! Challenge questions: the catalogue, and answers checked and hashed as
//! registration and My account both set them.

use crate::domain::{Secret, questions};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::ChallengeAnswer;
use upsers_contract as wire;

/// Shortest challenge answer accepted, in characters.
pub const MIN_ANSWER_LENGTH: usize = 3;

/// The questions to choose from, as the SPA lists them.
pub(crate) fn catalogue_questions() -> Vec<wire::Question> {
    questions::CATALOGUE
        .iter()
        .map(|(id, text)| wire::Question {
            id: (*id).to_owned(),
            text: (*text).to_owned(),
        })
        .collect()
}

/// Whether every one of `answers` (question and answer) is right for the
/// employee `known` (none: an unknown or inactive ID). Every answer is
/// checked, even after a wrong one, and a missing hash is checked against the
/// dummy: the time taken says nothing about the ID.
pub(crate) async fn answers_hold(
    state: &AppState,
    known: Option<&str>,
    answers: Vec<(String, Secret)>,
) -> Result<bool, ApiError> {
    let stored = match known {
        Some(id) => state.store().challenge_answers(id).await?,
        None => Vec::new(),
    };
    let mut all_right = true;
    for (question_id, answer) in answers {
        let hash = stored
            .iter()
            .find(|known| known.question_id == question_id)
            .map(|known| known.answer_hash.clone());
        all_right &= state.hasher().verify(hash, answer).await?;
    }
    Ok(all_right)
}

/// Three answers to three different questions of the catalogue, checked
/// then hashed (argon2id, off the async workers) for the store.
pub(crate) async fn hashed_answers(
    state: &AppState,
    answers: Vec<wire::Answer>,
) -> Result<Vec<ChallengeAnswer>, ApiError> {
    let chosen = checked_answers(answers)?;
    let mut hashed = Vec::with_capacity(chosen.len());
    for (question_id, answer) in chosen {
        hashed.push(ChallengeAnswer {
            question_id,
            answer_hash: state.hasher().hash(answer).await?,
        });
    }
    Ok(hashed)
}

/// Three distinct catalogue questions, each answered with 3 to 100
/// characters once normalized; the answers come back normalized.
fn checked_answers(answers: Vec<wire::Answer>) -> Result<Vec<(String, Secret)>, ApiError> {
    let wrong = |message: String| ApiError::invalid_field("answers", message);
    if answers.len() != questions::REGISTERED {
        return Err(wrong(format!(
            "Choose {} different questions and answer each.",
            questions::REGISTERED
        )));
    }
    let mut checked: Vec<(String, Secret)> = Vec::with_capacity(answers.len());
    for answer in answers {
        if questions::text_of(&answer.question_id).is_none() {
            return Err(wrong(format!(
                "{:?} is not one of the questions.",
                answer.question_id
            )));
        }
        if checked.iter().any(|(id, _)| *id == answer.question_id) {
            return Err(wrong("Choose a different question for each answer.".into()));
        }
        let normalized = questions::normalize_answer(&answer.answer);
        let length = normalized.chars().count();
        if !(MIN_ANSWER_LENGTH..=questions::MAX_ANSWER_LENGTH).contains(&length) {
            return Err(wrong(format!(
                "Each answer is {MIN_ANSWER_LENGTH} to {} characters.",
                questions::MAX_ANSWER_LENGTH
            )));
        }
        checked.push((answer.question_id, Secret::new(normalized)));
    }
    Ok(checked)
}
