/** Names, bios and titles: picked by hash from small lists, so profiles read like real ones. */
import { hash } from "./hash.ts";

const NICHES = [
  {
    topic: "cooking",
    bio: "Weeknight recipes in 60 seconds 🍳",
    titles: [
      "15-minute garlic noodles",
      "The only pancake recipe you need",
      "Crispy chickpeas, no oven",
      "What I eat in a day as a line cook",
      "Fixing your sad salad",
    ],
    tags: ["#cooking", "#recipe", "#foodtok"],
  },
  {
    topic: "fitness",
    bio: "Home workouts, no gym needed 💪",
    titles: [
      "10 min abs, no equipment",
      "Why your squat hurts your knees",
      "Day 30 of the pull-up challenge",
      "Stretch this before bed",
      "Beginner push-up progression",
    ],
    tags: ["#fitness", "#workout", "#gymtok"],
  },
  {
    topic: "comedy",
    bio: "Sketches about office life 😂",
    titles: [
      "When the meeting could have been an email",
      "POV: the new intern",
      "Me explaining my job to my mum",
      "Every group chat ever",
      "Monday vs Friday",
    ],
    tags: ["#comedy", "#funny", "#pov"],
  },
  {
    topic: "travel",
    bio: "Cheap flights & hidden spots ✈️",
    titles: [
      "Lisbon on €40 a day",
      "This beach has no tourists",
      "Packing for 2 weeks in a backpack",
      "Night train to Vienna",
      "3 days in Kyoto",
    ],
    tags: ["#travel", "#traveltok", "#budgettravel"],
  },
  {
    topic: "tech",
    bio: "Gadgets, tips & honest reviews 📱",
    titles: [
      "iPhone settings to turn off now",
      "Is this $30 keyboard any good?",
      "Desk setup tour 2024",
      "Battery myths, tested",
      "The laptop I'd actually buy",
    ],
    tags: ["#tech", "#techtok", "#gadgets"],
  },
  {
    topic: "makeup",
    bio: "Everyday makeup for beginners 💄",
    titles: [
      "5-minute school makeup",
      "Drugstore dupes that work",
      "Fixing cakey concealer",
      "Soft glam tutorial",
      "Trying viral lip combos",
    ],
    tags: ["#makeup", "#beauty", "#grwm"],
  },
  {
    topic: "pets",
    bio: "Life with two rescue cats 🐈",
    titles: [
      "He heard the treat bag",
      "Cat vs cucumber (again)",
      "Morning routine with Miso",
      "Rating my cat's sleeping spots",
      "She learned to high-five",
    ],
    tags: ["#cats", "#pets", "#cattok"],
  },
  {
    topic: "books",
    bio: "Reading 100 books this year 📚",
    titles: [
      "Books that broke me",
      "Rating every book I read in May",
      "Cosy fantasy recommendations",
      "Annotating with me",
      "Underrated thrillers",
    ],
    tags: ["#booktok", "#books", "#reading"],
  },
] as const;

const FIRST = [
  "Maya",
  "Leo",
  "Ava",
  "Noah",
  "Zoe",
  "Kai",
  "Lena",
  "Omar",
  "Iris",
  "Theo",
  "Nora",
  "Jude",
  "Sami",
  "Ruby",
  "Milo",
  "Aria",
];
const LAST = [
  "Park",
  "Rossi",
  "Okafor",
  "Silva",
  "Novak",
  "Haddad",
  "Kim",
  "Berg",
  "Moreau",
  "Tanaka",
  "Singh",
  "Costa",
];

export interface CreatorText {
  displayName: string;
  username: string;
  bioDescription: string;
}

function pick<T>(list: readonly T[], h: number): T {
  return list[h % list.length] as T;
}

function niche(nicheHash: number) {
  return pick(NICHES, nicheHash);
}

export function creatorText(key: number, nicheHash: number, index: number): CreatorText {
  const first = pick(FIRST, hash(key, 1));
  const last = pick(LAST, hash(key, 2));
  const topic = niche(nicheHash).topic;
  return {
    displayName: `${first} ${last}`,
    username: `${first}${last}.${topic}${index}`.toLowerCase(),
    bioDescription: niche(nicheHash).bio,
  };
}

export function videoText(nicheHash: number, videoKey: number): { title: string; description: string } {
  const n = niche(nicheHash);
  const title = pick(n.titles, hash(videoKey, 3));
  const tags = [pick(n.tags, hash(videoKey, 4)), pick(n.tags, hash(videoKey, 5)), "#fyp"];
  return { title, description: `${title} ${[...new Set(tags)].join(" ")}` };
}
