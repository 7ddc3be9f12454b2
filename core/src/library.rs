//! Built-in content: reflection prompts and suggested reasons, written for
//! this project. Identifiers are stable (the apps localize by id); never
//! renumber or reuse one — add new ones at the end of a theme.

use crate::reasons::ReasonTheme;

/// A built-in reflection prompt.
pub(crate) struct BuiltinPrompt {
    pub(crate) id: &'static str,
    pub(crate) theme: ReasonTheme,
    pub(crate) text: &'static str,
}

/// A suggested entry for the person's "my reasons" list.
pub(crate) struct BuiltinReason {
    pub(crate) id: &'static str,
    pub(crate) theme: ReasonTheme,
    pub(crate) text: &'static str,
}

pub(crate) const PROMPTS: &[BuiltinPrompt] = &[
    // SelfPreservation
    BuiltinPrompt {
        id: "prompt.self_preservation.01",
        theme: ReasonTheme::SelfPreservation,
        text: "Where do you feel safest right now, and what makes that place feel that way?",
    },
    BuiltinPrompt {
        id: "prompt.self_preservation.02",
        theme: ReasonTheme::SelfPreservation,
        text: "What is one small thing you could do today to feel a little safer or calmer?",
    },
    BuiltinPrompt {
        id: "prompt.self_preservation.03",
        theme: ReasonTheme::SelfPreservation,
        text: "Think of a time you trusted your instincts about danger. What did they get right?",
    },
    BuiltinPrompt {
        id: "prompt.self_preservation.04",
        theme: ReasonTheme::SelfPreservation,
        text: "Who is someone you trust that you could turn to if you ever felt unsafe, and how could you reach them quickly?",
    },
    BuiltinPrompt {
        id: "prompt.self_preservation.05",
        theme: ReasonTheme::SelfPreservation,
        text: "What have you already come through that shows how hard you work to protect yourself?",
    },
    BuiltinPrompt {
        id: "prompt.self_preservation.06",
        theme: ReasonTheme::SelfPreservation,
        text: "What does your body need most today: rest, food, quiet, or something else?",
    },
    // SettingBoundaries
    BuiltinPrompt {
        id: "prompt.setting_boundaries.01",
        theme: ReasonTheme::SettingBoundaries,
        text: "Which boundary has been the hardest to hold lately, and what helps you keep holding it?",
    },
    BuiltinPrompt {
        id: "prompt.setting_boundaries.02",
        theme: ReasonTheme::SettingBoundaries,
        text: "How would you like your no to sound when you say it to yourself, firm and kind at once?",
    },
    BuiltinPrompt {
        id: "prompt.setting_boundaries.03",
        theme: ReasonTheme::SettingBoundaries,
        text: "Write down one thing you no longer have to explain or justify to anyone.",
    },
    BuiltinPrompt {
        id: "prompt.setting_boundaries.04",
        theme: ReasonTheme::SettingBoundaries,
        text: "When a limit you set feels hard to keep, what do you want to remember about why you set it?",
    },
    BuiltinPrompt {
        id: "prompt.setting_boundaries.05",
        theme: ReasonTheme::SettingBoundaries,
        text: "Which people or places in your life respect your limits without a fight?",
    },
    BuiltinPrompt {
        id: "prompt.setting_boundaries.06",
        theme: ReasonTheme::SettingBoundaries,
        text: "What is one boundary you kept this week, even if nobody else noticed?",
    },
    // EmotionalHealing
    BuiltinPrompt {
        id: "prompt.emotional_healing.01",
        theme: ReasonTheme::EmotionalHealing,
        text: "What feeling has been showing up most often lately, and what might it be asking of you?",
    },
    BuiltinPrompt {
        id: "prompt.emotional_healing.02",
        theme: ReasonTheme::EmotionalHealing,
        text: "Is there something kind you wish someone had said to you back then? Try saying it to yourself now.",
    },
    BuiltinPrompt {
        id: "prompt.emotional_healing.03",
        theme: ReasonTheme::EmotionalHealing,
        text: "What does grief look like for you today, even if what you are grieving is complicated?",
    },
    BuiltinPrompt {
        id: "prompt.emotional_healing.04",
        theme: ReasonTheme::EmotionalHealing,
        text: "When did you last feel a moment of ease, even a brief one? What was happening around you?",
    },
    BuiltinPrompt {
        id: "prompt.emotional_healing.05",
        theme: ReasonTheme::EmotionalHealing,
        text: "What would you say to a close friend who was carrying what you are carrying right now?",
    },
    BuiltinPrompt {
        id: "prompt.emotional_healing.06",
        theme: ReasonTheme::EmotionalHealing,
        text: "Which old belief about yourself are you starting to question, and what do you believe instead?",
    },
    // BreakingTheCycle
    BuiltinPrompt {
        id: "prompt.breaking_the_cycle.01",
        theme: ReasonTheme::BreakingTheCycle,
        text: "What pattern from that relationship do you notice yourself leaving behind?",
    },
    BuiltinPrompt {
        id: "prompt.breaking_the_cycle.02",
        theme: ReasonTheme::BreakingTheCycle,
        text: "If you ever feel pulled back toward them, what tends to come just before, and what helps the feeling pass?",
    },
    BuiltinPrompt {
        id: "prompt.breaking_the_cycle.03",
        theme: ReasonTheme::BreakingTheCycle,
        text: "What did you learn growing up about love or loyalty that you no longer want to carry?",
    },
    BuiltinPrompt {
        id: "prompt.breaking_the_cycle.04",
        theme: ReasonTheme::BreakingTheCycle,
        text: "Think of a promise that was made and broken more than once. What did that pattern show you?",
    },
    BuiltinPrompt {
        id: "prompt.breaking_the_cycle.05",
        theme: ReasonTheme::BreakingTheCycle,
        text: "What would a relationship look like where you never had to earn basic respect?",
    },
    BuiltinPrompt {
        id: "prompt.breaking_the_cycle.06",
        theme: ReasonTheme::BreakingTheCycle,
        text: "What is one way you treated yourself differently this week than you might have a year ago?",
    },
    // PersonalGrowth
    BuiltinPrompt {
        id: "prompt.personal_growth.01",
        theme: ReasonTheme::PersonalGrowth,
        text: "Name something you can do now that you could not do, or were not allowed to do, before.",
    },
    BuiltinPrompt {
        id: "prompt.personal_growth.02",
        theme: ReasonTheme::PersonalGrowth,
        text: "What is one interest you would like to return to, or try for the very first time?",
    },
    BuiltinPrompt {
        id: "prompt.personal_growth.03",
        theme: ReasonTheme::PersonalGrowth,
        text: "What quality in yourself are you proud of that went unnoticed for too long?",
    },
    BuiltinPrompt {
        id: "prompt.personal_growth.04",
        theme: ReasonTheme::PersonalGrowth,
        text: "Who are you becoming, and what is one sign of that person you noticed this week?",
    },
    BuiltinPrompt {
        id: "prompt.personal_growth.05",
        theme: ReasonTheme::PersonalGrowth,
        text: "What is a decision you made recently entirely on your own terms?",
    },
    BuiltinPrompt {
        id: "prompt.personal_growth.06",
        theme: ReasonTheme::PersonalGrowth,
        text: "What would you like to be true about your life a year from now?",
    },
    // ProtectingOthers
    BuiltinPrompt {
        id: "prompt.protecting_others.01",
        theme: ReasonTheme::ProtectingOthers,
        text: "Who else in your life feels safer or calmer because of the distance you have created?",
    },
    BuiltinPrompt {
        id: "prompt.protecting_others.02",
        theme: ReasonTheme::ProtectingOthers,
        text: "What do you hope the people who look up to you learn about what they deserve?",
    },
    BuiltinPrompt {
        id: "prompt.protecting_others.03",
        theme: ReasonTheme::ProtectingOthers,
        text: "If children, pets, or others depend on you, what does this distance protect for them?",
    },
    BuiltinPrompt {
        id: "prompt.protecting_others.04",
        theme: ReasonTheme::ProtectingOthers,
        text: "Who do you trust to know what is going on, so they can look out for you and the people you care for?",
    },
    BuiltinPrompt {
        id: "prompt.protecting_others.05",
        theme: ReasonTheme::ProtectingOthers,
        text: "How has the way you care for the people around you changed since you stepped away?",
    },
    BuiltinPrompt {
        id: "prompt.protecting_others.06",
        theme: ReasonTheme::ProtectingOthers,
        text: "What kind of home do you want to offer the people you love?",
    },
    // RegainingControl
    BuiltinPrompt {
        id: "prompt.regaining_control.01",
        theme: ReasonTheme::RegainingControl,
        text: "What is one choice you made today that belonged entirely to you?",
    },
    BuiltinPrompt {
        id: "prompt.regaining_control.02",
        theme: ReasonTheme::RegainingControl,
        text: "Which part of your daily routine feels most like your own again?",
    },
    BuiltinPrompt {
        id: "prompt.regaining_control.03",
        theme: ReasonTheme::RegainingControl,
        text: "What is something you used to ask permission for that you can now simply decide?",
    },
    BuiltinPrompt {
        id: "prompt.regaining_control.04",
        theme: ReasonTheme::RegainingControl,
        text: "Which area of your life, like money, time, or friendships, would you like to feel more in charge of?",
    },
    BuiltinPrompt {
        id: "prompt.regaining_control.05",
        theme: ReasonTheme::RegainingControl,
        text: "When something catches you off guard and brings them to mind, what helps you feel steady again?",
    },
    BuiltinPrompt {
        id: "prompt.regaining_control.06",
        theme: ReasonTheme::RegainingControl,
        text: "What is one small plan for tomorrow that you get to shape exactly the way you like?",
    },
    // CreatingSpace
    BuiltinPrompt {
        id: "prompt.creating_space.01",
        theme: ReasonTheme::CreatingSpace,
        text: "What has started to fill the space where worrying about them used to be?",
    },
    BuiltinPrompt {
        id: "prompt.creating_space.02",
        theme: ReasonTheme::CreatingSpace,
        text: "What does a quiet, unhurried hour look like for you, and when could you give yourself one?",
    },
    BuiltinPrompt {
        id: "prompt.creating_space.03",
        theme: ReasonTheme::CreatingSpace,
        text: "Which thoughts about them would you like to set down for today, and where could you put them?",
    },
    BuiltinPrompt {
        id: "prompt.creating_space.04",
        theme: ReasonTheme::CreatingSpace,
        text: "What sounds, colors, or objects help your space feel calm and your own?",
    },
    BuiltinPrompt {
        id: "prompt.creating_space.05",
        theme: ReasonTheme::CreatingSpace,
        text: "Who or what would you like to make more room for in your life?",
    },
    BuiltinPrompt {
        id: "prompt.creating_space.06",
        theme: ReasonTheme::CreatingSpace,
        text: "What could you let go of this week to leave yourself more breathing room?",
    },
];

pub(crate) const REASON_SUGGESTIONS: &[BuiltinReason] = &[
    // SelfPreservation
    BuiltinReason {
        id: "reason.self_preservation.01",
        theme: ReasonTheme::SelfPreservation,
        text: "I deserve to sleep through the night without fear.",
    },
    BuiltinReason {
        id: "reason.self_preservation.02",
        theme: ReasonTheme::SelfPreservation,
        text: "My safety matters more than keeping the peace.",
    },
    BuiltinReason {
        id: "reason.self_preservation.03",
        theme: ReasonTheme::SelfPreservation,
        text: "I want my body to stop bracing for the next blow-up.",
    },
    // SettingBoundaries
    BuiltinReason {
        id: "reason.setting_boundaries.01",
        theme: ReasonTheme::SettingBoundaries,
        text: "I get to decide who has access to me.",
    },
    BuiltinReason {
        id: "reason.setting_boundaries.02",
        theme: ReasonTheme::SettingBoundaries,
        text: "No is a complete answer, and I do not owe anyone more.",
    },
    BuiltinReason {
        id: "reason.setting_boundaries.03",
        theme: ReasonTheme::SettingBoundaries,
        text: "I am allowed to protect my time, my energy, and my peace.",
    },
    // EmotionalHealing
    BuiltinReason {
        id: "reason.emotional_healing.01",
        theme: ReasonTheme::EmotionalHealing,
        text: "I want room to heal without being hurt again.",
    },
    BuiltinReason {
        id: "reason.emotional_healing.02",
        theme: ReasonTheme::EmotionalHealing,
        text: "I am tired of doubting my own memory of what happened.",
    },
    BuiltinReason {
        id: "reason.emotional_healing.03",
        theme: ReasonTheme::EmotionalHealing,
        text: "I want to feel my feelings without being told they are wrong.",
    },
    // BreakingTheCycle
    BuiltinReason {
        id: "reason.breaking_the_cycle.01",
        theme: ReasonTheme::BreakingTheCycle,
        text: "I will not keep going back to something that keeps hurting me.",
    },
    BuiltinReason {
        id: "reason.breaking_the_cycle.02",
        theme: ReasonTheme::BreakingTheCycle,
        text: "The pattern stops with me.",
    },
    BuiltinReason {
        id: "reason.breaking_the_cycle.03",
        theme: ReasonTheme::BreakingTheCycle,
        text: "I have seen how this story goes, and I am choosing a different ending.",
    },
    // PersonalGrowth
    BuiltinReason {
        id: "reason.personal_growth.01",
        theme: ReasonTheme::PersonalGrowth,
        text: "I want to find out who I am when I am not walking on eggshells.",
    },
    BuiltinReason {
        id: "reason.personal_growth.02",
        theme: ReasonTheme::PersonalGrowth,
        text: "I want to spend my energy building a life of my own.",
    },
    BuiltinReason {
        id: "reason.personal_growth.03",
        theme: ReasonTheme::PersonalGrowth,
        text: "I am allowed to change, grow, and outgrow what hurt me.",
    },
    // ProtectingOthers
    BuiltinReason {
        id: "reason.protecting_others.01",
        theme: ReasonTheme::ProtectingOthers,
        text: "The people I love deserve to be kept out of harm's way.",
    },
    BuiltinReason {
        id: "reason.protecting_others.02",
        theme: ReasonTheme::ProtectingOthers,
        text: "I want the people who depend on me to know what safe love looks like.",
    },
    BuiltinReason {
        id: "reason.protecting_others.03",
        theme: ReasonTheme::ProtectingOthers,
        text: "I want my home to be a calm place for everyone in it.",
    },
    // RegainingControl
    BuiltinReason {
        id: "reason.regaining_control.01",
        theme: ReasonTheme::RegainingControl,
        text: "My choices are mine to make.",
    },
    BuiltinReason {
        id: "reason.regaining_control.02",
        theme: ReasonTheme::RegainingControl,
        text: "I want my decisions to come from me, not from fear of how they will react.",
    },
    BuiltinReason {
        id: "reason.regaining_control.03",
        theme: ReasonTheme::RegainingControl,
        text: "I am taking back my time, my plans, and my own voice.",
    },
    // CreatingSpace
    BuiltinReason {
        id: "reason.creating_space.01",
        theme: ReasonTheme::CreatingSpace,
        text: "I need distance to hear my own thoughts clearly.",
    },
    BuiltinReason {
        id: "reason.creating_space.02",
        theme: ReasonTheme::CreatingSpace,
        text: "I want space to breathe without bracing for the next message.",
    },
    BuiltinReason {
        id: "reason.creating_space.03",
        theme: ReasonTheme::CreatingSpace,
        text: "Room to rest is something I am allowed to have.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const ALL_THEMES: [ReasonTheme; 8] = ReasonTheme::ALL;

    fn theme_name(theme: ReasonTheme) -> &'static str {
        match theme {
            ReasonTheme::SelfPreservation => "self_preservation",
            ReasonTheme::SettingBoundaries => "setting_boundaries",
            ReasonTheme::EmotionalHealing => "emotional_healing",
            ReasonTheme::BreakingTheCycle => "breaking_the_cycle",
            ReasonTheme::PersonalGrowth => "personal_growth",
            ReasonTheme::ProtectingOthers => "protecting_others",
            ReasonTheme::RegainingControl => "regaining_control",
            ReasonTheme::CreatingSpace => "creating_space",
        }
    }

    fn all_entries() -> Vec<(&'static str, ReasonTheme, &'static str, &'static str)> {
        let prompts = PROMPTS.iter().map(|p| (p.id, p.theme, p.text, "prompt"));
        let reasons = REASON_SUGGESTIONS
            .iter()
            .map(|r| (r.id, r.theme, r.text, "reason"));
        prompts.chain(reasons).collect()
    }

    #[test]
    fn ids_are_unique_across_both_lists() {
        let mut seen = HashSet::new();
        for (id, _, _, _) in all_entries() {
            assert!(seen.insert(id), "duplicate id: {id}");
        }
    }

    #[test]
    fn every_theme_has_enough_content() {
        for theme in ALL_THEMES {
            let prompts = PROMPTS.iter().filter(|p| p.theme == theme).count();
            let reasons = REASON_SUGGESTIONS
                .iter()
                .filter(|r| r.theme == theme)
                .count();
            assert!(prompts >= 5, "{theme:?} has only {prompts} prompts");
            assert!(reasons >= 2, "{theme:?} has only {reasons} reasons");
        }
    }

    #[test]
    fn texts_are_well_formed() {
        for (id, _, text, _) in all_entries() {
            assert!(!text.is_empty(), "{id}: empty text");
            assert!(
                text.chars().count() <= 200,
                "{id}: text longer than 200 characters"
            );
            assert_eq!(text, text.trim(), "{id}: text has surrounding whitespace");
            assert!(
                text.ends_with(['.', '?', '!']),
                "{id}: text must end with '.', '?' or '!'"
            );
        }
    }

    #[test]
    fn ids_match_kind_and_theme() {
        for (id, theme, _, kind) in all_entries() {
            let mut parts = id.split('.');
            assert_eq!(parts.next(), Some(kind), "{id}: wrong prefix");
            assert_eq!(
                parts.next(),
                Some(theme_name(theme)),
                "{id}: middle segment does not match {theme:?}"
            );
            let number = parts.next().unwrap_or_default();
            assert!(
                !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
                "{id}: missing numeric suffix"
            );
            assert_eq!(parts.next(), None, "{id}: too many segments");
        }
    }
}
