// A participant's own self-assessment in a programme: each topic they seek rated 1 to 5 at
// enrolment, at the midpoint and at closing, once per phase. Only its author reads it. Its
// shapes are the server's schemas.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Phase,
  SelfAssessment,
  selfAssessmentInput,
} from '../../../../../src/insights/self-assessments';
import { ApiError, api } from '../../../lib/api-client';

export type { Phase, SelfAssessment };
export type SelfAssessmentInput = z.infer<typeof selfAssessmentInput>;
export type PhaseState = SelfAssessment['phases'][number];

export const phaseLabels: Record<Phase, string> = {
  enrolment: 'At enrolment',
  midpoint: 'At the midpoint',
  closing: 'At closing',
};

const key = (programmeId: string) => ['self-assessment', programmeId] as const;

/** The form, or null where there is none for this person (not enrolled: the server says 404). */
export async function getSelfAssessment(programmeId: string): Promise<SelfAssessment | null> {
  try {
    return await api.get<SelfAssessment>(`/programmes/${programmeId}/self-assessment`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function useSelfAssessment(programmeId: string | undefined) {
  return useQuery({
    queryKey: key(programmeId ?? ''),
    queryFn: () => getSelfAssessment(programmeId as string),
    enabled: Boolean(programmeId),
  });
}

/** The forms of several programmes at once, for the participant's home. */
export function useSelfAssessments(programmeIds: string[]) {
  return useQueries({
    queries: programmeIds.map((id) => ({ queryKey: key(id), queryFn: () => getSelfAssessment(id) })),
  });
}

export function useSubmitSelfAssessment(programmeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SelfAssessmentInput) =>
      api.post<SelfAssessment>(`/programmes/${programmeId}/self-assessment`, input),
    onSuccess: (form) => queryClient.setQueryData(key(programmeId), form),
  });
}

/** The phase waiting for an answer: open, with topics to rate and nothing given yet. */
export function duePhase(form: SelfAssessment | null | undefined): PhaseState | undefined {
  if (!form?.topics.length) return undefined;
  return form.phases.find((p) => p.open && p.answers.length === 0);
}
