// Outcome reports of a programme (sponsors, managers, admins): aggregates only.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { followUpReportSchema, skillsReportSchema } from '../../../../../src/insights/report-schemas';
import { api } from '../../../lib/api-client';

export type HiddenReason = 'too_few_people' | 'protects_a_smaller_group';
export type Hidden = { shown: false; reason: HiddenReason };

export interface CurvePoint {
  day: number;
  survival: number;
  lower: number | null;
  upper: number | null;
}

export interface HazardRatio {
  n: number;
  events: number;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  p: number | null;
  method: string;
  caveat: string;
  /** The plain reading the server writes, shown as it is. */
  reading: string;
}

interface ReportBase {
  programmeId: string;
  minimumGroupSize: number;
  method: string;
  caveat: string;
}

export type RetentionReport = ReportBase & { origin: string; asOf: string } & (
    | { shown: false; reason: 'too_few_people' | 'not_started'; note?: string }
    | {
        shown: true;
        n: number;
        matching: {
          method: string;
          strata: number;
          participants: { total: number; matched: number };
          others: { total: number; matched: number };
          caveat: string;
        };
        curves: {
          method: string;
          caveat: string;
          participants: { n: number; events: number; points: CurvePoint[] };
          others: { n: number; events: number; points: CurvePoint[] };
        };
        logRank: { n: number; chiSquare: number; df: number; p: number; method: string; caveat: string };
        hazardRatio: HazardRatio;
        unadjusted: HazardRatio;
      }
  );

export type LearningRow = ({ shown: true; people: number; entries: number } | Hidden) & {
  direction?: string | null;
  topic?: string | null;
  department?: string | null;
};

export interface LearningReport extends ReportBase {
  kind: string;
  asOf: string | null;
  waiting: boolean;
  hiddenNote: string;
  total: LearningRow;
  byDirection: LearningRow[];
  byTopic: LearningRow[];
  byDepartment: LearningRow[];
  upward: { caveat: string; byTopic: LearningRow[]; byDepartment: LearningRow[] };
  reciprocity:
    | null
    | (
        | {
            shown: true;
            n: number;
            estimate: number | null;
            lower: number | null;
            upper: number | null;
            firstShare: number | null;
            method: string;
            caveat: string;
          }
        | { shown: false; reason: HiddenReason; method: string; caveat: string }
      );
}

export interface MeanWithInterval {
  mean: number;
  lower: number | null;
  upper: number | null;
}

export type QualityRow = (
  | {
      shown: true;
      people: number;
      answers: number;
      value: MeanWithInterval;
      heard: MeanWithInterval;
      balancedShare: number;
    }
  | Hidden
) & { month?: string | null; side?: string | null };

export interface QualityReport extends ReportBase {
  asOf: string | null;
  waiting: boolean;
  hiddenNote: string;
  overall: QualityRow;
  bySide: QualityRow[];
  byMonth: QualityRow[];
  momentum:
    | {
        shown: true;
        n: number;
        held: number;
        cancelled: number;
        scheduled: number;
        heldPerRelationship: number;
        method: string;
        caveat: string;
      }
    | { shown: false; reason: 'too_few_people' | 'managers_only' };
}

/** Retention or promotions: participants against matched colleagues (the server's schema). */
export type FollowUpReport = z.infer<typeof followUpReportSchema>;
/** Self-assessed skills before and after (the server's schema). */
export type SkillsReport = z.infer<typeof skillsReportSchema>;
export type SkillsRow = SkillsReport['closing']['byTopic'][number];

const reportUrl = (programmeId: string, report: string) => `/programmes/${programmeId}/reports/${report}`;

/** Where the CSV of a report downloads from (the browser sends the session cookie). */
export const csvUrl = (programmeId: string, report: string) =>
  `/api${reportUrl(programmeId, report)}?format=csv`;

export function useReport<T>(
  programmeId: string | undefined,
  report: 'retention' | 'promotions' | 'skills' | 'learning' | 'quality',
) {
  return useQuery({
    queryKey: ['report', report, programmeId],
    queryFn: () => api.get<T>(reportUrl(programmeId as string, report)),
    enabled: Boolean(programmeId),
    staleTime: 5 * 60_000,
  });
}
