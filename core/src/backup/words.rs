//! The word list for generated backup passphrases: 256 everyday English
//! words written for this project (things, plants, animals and places;
//! nothing about people, contact or safety), 3 to 8 lowercase letters,
//! each known by its first four letters. A word carries exactly 8 bits.

/// The words, sorted; a test checks their number, shape and uniqueness.
pub(crate) const WORDS: [&str; 256] = [
    "acorn", "agent", "alarm", "album", "alley", "amber", "anchor", "angle", "ankle", "apple",
    "apron", "arch", "arena", "arrow", "aspen", "atlas", "attic", "autumn", "bacon", "badge",
    "bagel", "baker", "bamboo", "banjo", "barn", "basil", "beach", "beard", "beaver", "bench",
    "berry", "bicycle", "birch", "blanket", "bloom", "board", "border", "bottle", "boulder",
    "bowl", "branch", "bread", "breeze", "brick", "bridge", "brook", "bucket", "bundle", "butter",
    "cabin", "cactus", "camel", "candle", "canoe", "canyon", "carpet", "carrot", "castle", "cedar",
    "cellar", "cereal", "chair", "chalk", "cherry", "chess", "cider", "cinema", "circle", "citrus",
    "clock", "cloud", "clover", "coast", "cocoa", "comet", "copper", "coral", "cotton", "cradle",
    "crane", "crayon", "crystal", "daisy", "dancer", "delta", "desert", "dinner", "dolphin",
    "donkey", "dragon", "drawer", "dune", "eagle", "easel", "echo", "elbow", "ember", "engine",
    "envelope", "fabric", "falcon", "feather", "fence", "fern", "ferry", "field", "finch", "flame",
    "flute", "forest", "fossil", "fountain", "fox", "garden", "garlic", "ginger", "glacier",
    "globe", "glove", "goose", "granite", "grape", "gravel", "guitar", "hammer", "harbor", "harp",
    "hazel", "helmet", "heron", "hill", "honey", "hoop", "horizon", "husky", "island", "ivory",
    "jacket", "jasmine", "jelly", "journal", "juniper", "kayak", "kettle", "kiwi", "ladder",
    "lagoon", "lantern", "lemon", "lentil", "letter", "lilac", "linen", "lizard", "lotus",
    "lumber", "magnet", "mango", "maple", "marble", "meadow", "melon", "mitten", "muffin",
    "napkin", "nectar", "noodle", "oasis", "ocean", "olive", "onion", "orange", "orchid", "otter",
    "oyster", "paddle", "pancake", "panda", "paper", "parrot", "pasta", "peach", "peanut",
    "pebble", "pencil", "pepper", "piano", "pickle", "pigeon", "pillow", "pine", "planet", "plum",
    "pocket", "pony", "poppy", "potato", "pumpkin", "puzzle", "quartz", "quilt", "rabbit",
    "radish", "raft", "rain", "raven", "ribbon", "river", "robin", "rocket", "saddle", "salmon",
    "sandal", "scarf", "seashell", "shadow", "shovel", "silver", "sketch", "sled", "snail",
    "sparrow", "spider", "sponge", "spruce", "squash", "stamp", "statue", "stone", "stove",
    "sugar", "summit", "sunset", "swan", "table", "teapot", "tent", "thunder", "tiger", "toast",
    "tomato", "tulip", "tunnel", "turtle", "umbrella", "valley", "velvet", "violin", "waffle",
    "wagon", "walnut", "willow", "window", "winter", "yogurt", "zebra",
];
