// Outcome reports of a programme (sponsors, managers, admins): aggregates only. Their shapes are
// the server's response schemas.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  followUpReportSchema,
  learningReportSchema,
  qualityReportSchema,
  skillsReportSchema,
} from '../../../../../src/insights/report-schemas';
import { api } from '../../../lib/api-client';

/** Retention or promotions: participants against matched colleagues. */
export type FollowUpReport = z.infer<typeof followUpReportSchema>;
export type CurvePoint = Extract<FollowUpReport, { shown: true }>['curves']['participants']['points'][number];
/** Self-assessed skills before and after. */
export type SkillsReport = z.infer<typeof skillsReportSchema>;
export type SkillsRow = SkillsReport['closing']['byTopic'][number];
/** Learning-log entries by direction, topic and department, and reciprocity. */
export type LearningReport = z.infer<typeof learningReportSchema>;
export type LearningRow = LearningReport['byTopic'][number];
/** Meeting feedback by month and side, and momentum. */
export type QualityReport = z.infer<typeof qualityReportSchema>;

/** Each report by the name it is read under. */
interface Reports {
  retention: FollowUpReport;
  promotions: FollowUpReport;
  skills: SkillsReport;
  learning: LearningReport;
  quality: QualityReport;
}

const reportUrl = (programmeId: string, report: string) => `/programmes/${programmeId}/reports/${report}`;

/** Where the CSV of a report downloads from (the browser sends the session cookie). */
export const csvUrl = (programmeId: string, report: string) =>
  `/api${reportUrl(programmeId, report)}?format=csv`;

export function useReport<N extends keyof Reports>(programmeId: string | undefined, report: N) {
  return useQuery({
    queryKey: ['report', report, programmeId],
    queryFn: () => api.get<Reports[N]>(reportUrl(programmeId as string, report)),
    enabled: Boolean(programmeId),
    staleTime: 5 * 60_000,
  });
}
