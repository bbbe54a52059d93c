// The raw material of the demo organisation: places, departments, names, topics, goals.
import type { topicCategories } from '../programmes/topics.js';

type Category = (typeof topicCategories)[number];

export const locations = [
  { city: 'London', timeZone: 'Europe/London', languages: ['en'], weight: 22 },
  { city: 'Berlin', timeZone: 'Europe/Berlin', languages: ['de', 'en'], weight: 14 },
  { city: 'Paris', timeZone: 'Europe/Paris', languages: ['fr', 'en'], weight: 9 },
  { city: 'Madrid', timeZone: 'Europe/Madrid', languages: ['es', 'en'], weight: 6 },
  { city: 'New York', timeZone: 'America/New_York', languages: ['en'], weight: 16 },
  { city: 'Toronto', timeZone: 'America/Toronto', languages: ['en', 'fr'], weight: 6 },
  { city: 'São Paulo', timeZone: 'America/Sao_Paulo', languages: ['pt', 'en'], weight: 7 },
  { city: 'Singapore', timeZone: 'Asia/Singapore', languages: ['en', 'zh'], weight: 8 },
  { city: 'Bengaluru', timeZone: 'Asia/Kolkata', languages: ['en', 'hi'], weight: 8 },
  { city: 'Sydney', timeZone: 'Australia/Sydney', languages: ['en'], weight: 4 },
] as const;

export const departments = [
  { name: 'Engineering', weight: 20, short: 'Engineering' },
  { name: 'Product', weight: 8, short: 'Product' },
  { name: 'Data & Analytics', weight: 7, short: 'Data' },
  { name: 'Marketing', weight: 10, short: 'Marketing' },
  { name: 'Sales', weight: 14, short: 'Sales' },
  { name: 'Customer Success', weight: 10, short: 'Customer' },
  { name: 'Finance', weight: 8, short: 'Finance' },
  { name: 'People & Culture', weight: 6, short: 'People' },
  { name: 'Operations', weight: 12, short: 'Operations' },
  { name: 'Legal', weight: 5, short: 'Legal' },
] as const;

export const levelTitles: Record<number, readonly string[]> = {
  1: ['Graduate, {d}', 'Associate, {d}', 'Apprentice, {d}'],
  2: ['Analyst, {d}', 'Specialist, {d}', 'Coordinator, {d}'],
  3: ['Senior Analyst, {d}', 'Senior Specialist, {d}', 'Consultant, {d}'],
  4: ['Team Lead, {d}', 'Principal, {d}', 'Lead, {d}'],
  5: ['Manager, {d}', 'Senior Manager, {d}'],
  6: ['Director, {d}', 'Head of {d}'],
  7: ['Vice President, {d}'],
  8: ['Chief Executive Officer'],
};

export const firstNames = [
  'Aisha', 'Alex', 'Amara', 'Ana', 'Anders', 'Arjun', 'Ben', 'Camille', 'Carlos', 'Chen', 'Chloé', 'Daniel', 'Diego', 'Elena',
  'Emeka', 'Emma', 'Fatima', 'Felix', 'Grace', 'Hannah', 'Hiro', 'Ines', 'Isaac', 'Jana', 'Javier', 'Jin', 'Jonas', 'Julia',
  'Kavya', 'Kemi', 'Lars', 'Laura', 'Leila', 'Leo', 'Lucas', 'Maya', 'Mei', 'Mateo', 'Nadia', 'Noah', 'Olivia', 'Omar', 'Pablo',
  'Priya', 'Rafael', 'Rahul', 'Rosa', 'Ruth', 'Sakura', 'Samuel', 'Sara', 'Sofia', 'Tariq', 'Thomas', 'Tomás', 'Uma', 'Victor',
  'Wei', 'Yara', 'Yusuf', 'Zoe', 'Margaret', 'Robert', 'Susan', 'Richard', 'Karen', 'Helmut', 'Brigitte', 'Giles', 'Patricia',
];

export const lastNames = [
  'Adeyemi', 'Almeida', 'Andersen', 'Bauer', 'Becker', 'Bernard', 'Brown', 'Campbell', 'Castro', 'Chen', 'Costa', 'Dubois',
  'Ellis', 'Fernández', 'Fischer', 'García', 'Gupta', 'Hall', 'Hansen', 'Hughes', 'Ibrahim', 'Iyer', 'Jensen', 'Kaur', 'Kim',
  'Klein', 'Kowalski', 'Lambert', 'Lee', 'Lopez', 'Martin', 'Mensah', 'Meyer', 'Moreau', 'Müller', 'Nakamura', 'Nguyen',
  'Novak', 'Okafor', 'Oliveira', 'Patel', 'Petit', 'Quinn', 'Rahman', 'Reddy', 'Rossi', 'Santos', 'Schmidt', 'Silva', 'Singh',
  'Sato', 'Tan', 'Taylor', 'Thompson', 'Wagner', 'Walker', 'Wang', 'Weber', 'Williams', 'Wong', 'Yilmaz', 'Zhang',
];

export interface DemoTopic {
  key: string;
  name: string;
  category: Category;
  /** Who typically knows it: younger staff or experienced staff. */
  knownBy: 'young' | 'experienced';
  goal: string;
}

export const demoTopics: DemoTopic[] = [
  { key: 'genai', name: 'Generative AI at work', category: 'digital_and_technology', knownBy: 'young', goal: 'use generative AI tools day to day and judge where they help our teams' },
  { key: 'social', name: 'Social media channels', category: 'digital_and_technology', knownBy: 'young', goal: 'understand TikTok, Instagram and LinkedIn well enough to show up credibly on them' },
  { key: 'collab', name: 'Digital collaboration tools', category: 'digital_and_technology', knownBy: 'young', goal: 'run my team on chat, shared documents and async video instead of long email threads' },
  { key: 'data', name: 'Data literacy and dashboards', category: 'digital_and_technology', knownBy: 'young', goal: 'read our dashboards myself and ask better questions of the data' },
  { key: 'mobile', name: 'Mobile-first customer journeys', category: 'digital_and_technology', knownBy: 'young', goal: 'see our products the way a customer on a phone sees them' },
  { key: 'genz', name: 'Gen Z consumer trends', category: 'trends_and_culture', knownBy: 'young', goal: 'learn what younger consumers expect from brands and how they decide what to buy' },
  { key: 'hybrid', name: 'Hybrid and flexible work culture', category: 'trends_and_culture', knownBy: 'young', goal: 'understand what younger colleagues need from hybrid work to stay with us' },
  { key: 'dei', name: 'Inclusion and belonging', category: 'trends_and_culture', knownBy: 'young', goal: 'hear honestly how inclusion feels from the junior end of the organisation' },
  { key: 'sustain', name: 'Sustainability expectations', category: 'trends_and_culture', knownBy: 'young', goal: 'understand why sustainability matters so much to younger employees and customers' },
  { key: 'strategy', name: 'Strategy and decision making', category: 'leadership', knownBy: 'experienced', goal: 'understand how strategic decisions are really made and how to contribute to them' },
  { key: 'change', name: 'Leading through change', category: 'leadership', knownBy: 'experienced', goal: 'lead a team through a reorganisation without losing people' },
  { key: 'teams', name: 'Building high-performing teams', category: 'leadership', knownBy: 'experienced', goal: 'learn how to build and grow a team of my own' },
  { key: 'career', name: 'Career planning', category: 'career', knownBy: 'experienced', goal: 'plan my next career steps and the skills I need for them' },
  { key: 'promotion', name: 'Navigating promotions', category: 'career', knownBy: 'experienced', goal: 'understand what it takes to be promoted here and how to make my case' },
  { key: 'industry', name: 'Industry landscape', category: 'industry', knownBy: 'experienced', goal: 'understand our industry, our competitors and where the market is heading' },
  { key: 'finance', name: 'Finance for non-finance people', category: 'industry', knownBy: 'experienced', goal: 'read a P&L and understand how my work shows up in the numbers' },
  { key: 'network', name: 'Building a professional network', category: 'networking', knownBy: 'experienced', goal: 'build a network inside and outside the company' },
  { key: 'stakeholders', name: 'Stakeholder management', category: 'networking', knownBy: 'experienced', goal: 'work with senior stakeholders and bring them along' },
  { key: 'presence', name: 'Executive presence', category: 'communication', knownBy: 'experienced', goal: 'speak with confidence in rooms full of senior people' },
  { key: 'presenting', name: 'Presenting with impact', category: 'communication', knownBy: 'experienced', goal: 'present ideas clearly and persuasively' },
  { key: 'conversations', name: 'Difficult conversations', category: 'communication', knownBy: 'experienced', goal: 'handle difficult conversations calmly and honestly' },
  { key: 'resilience', name: 'Resilience and wellbeing', category: 'personal_skills', knownBy: 'experienced', goal: 'keep my energy up and recover from setbacks' },
  { key: 'negotiation', name: 'Negotiation', category: 'personal_skills', knownBy: 'experienced', goal: 'negotiate well for my team and for myself' },
];

export const leaveReasons = ['resigned: new opportunity', 'resigned: relocation', 'retired', 'end of fixed-term contract', 'resigned: career change'];
