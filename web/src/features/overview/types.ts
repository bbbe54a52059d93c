// Programme health: momentum (GET /programmes/{id}/momentum) and feedback aggregates, typed
// by the server's response schemas.
import type { z } from 'zod';
import type { HiddenReason } from '../../../../src/insights/disclosure';
import type { feedbackSummarySchema } from '../../../../src/relationships/feedback';

export type { Momentum, MomentumWeek } from '../../../../src/insights/momentum';
export type { HiddenReason };

export type FeedbackSummary = z.infer<typeof feedbackSummarySchema>;
export type FeedbackGroup = FeedbackSummary['overall'];
export type ReflectionsGroup = FeedbackSummary['closingReflections'];
