import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmButton } from '../../../components/confirm-button';
import { Card, PageHeader } from '../../../components/page';
import { Alert, EmptyState, ErrorState, Loading } from '../../../components/states';
import { messageOf } from '../../../lib/api-client';
import { categories, categoryLabels, plural } from '../../../lib/format';
import type { Topic } from '../../../lib/types';
import { useCreateTopic } from '../api/create-topic';
import { useDeleteTopic } from '../api/delete-topic';
import { useTopics } from '../api/get-topics';
import { useUpdateTopic } from '../api/update-topic';
import { TopicForm } from '../components/topic-form';

function TopicRow({ topic }: { topic: Topic }) {
  const [editing, setEditing] = useState(false);
  const update = useUpdateTopic();
  const remove = useDeleteTopic();
  if (editing) {
    return (
      <li className="topic-item topic-item--editing">
        <TopicForm
          initial={topic}
          submitLabel="Save topic"
          busy={update.isPending}
          error={update.error}
          onSubmit={(input) =>
            update.mutate({ id: topic.id, ...input }, { onSuccess: () => setEditing(false) })
          }
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="topic-item">
      <div className="topic-item__text">
        <span className="topic-item__name">{topic.name}</span>
        {topic.description ? <span className="muted small">{topic.description}</span> : null}
        {remove.error ? <span className="field__error">{messageOf(remove.error)}</span> : null}
      </div>
      <div className="actions actions--tight">
        <Button
          variant="secondary"
          size="small"
          onClick={() => setEditing(true)}
          aria-label={`Edit ${topic.name}`}
        >
          Edit
        </Button>
        <ConfirmButton
          question={`Remove ${topic.name}?`}
          confirmLabel="Remove"
          busy={remove.isPending}
          onConfirm={() => remove.mutate(topic.id)}
          label={`Remove ${topic.name}`}
        >
          Remove
        </ConfirmButton>
      </div>
    </li>
  );
}

export function Component() {
  const topics = useTopics();
  const create = useCreateTopic();
  const [added, setAdded] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="Topics"
        description="What people can offer and seek. Programmes pick from this catalogue; reverse programmes thrive on digital, trends and culture topics, conventional ones on career, industry and leadership."
      />
      <div className="grid grid--sidebar">
        <Card title="Add a topic">
          {added ? <Alert kind="success">Added “{added}”.</Alert> : null}
          <TopicForm
            submitLabel="Add topic"
            busy={create.isPending}
            error={create.error}
            onSubmit={(input, reset) =>
              create.mutate(input, {
                onSuccess: (t) => {
                  setAdded(t.name);
                  reset();
                },
              })
            }
          />
        </Card>
        <div className="stack">
          {topics.isPending ? <Loading label="Loading topics…" /> : null}
          {topics.isError ? <ErrorState error={topics.error} retry={() => topics.refetch()} /> : null}
          {topics.data && topics.data.length === 0 ? (
            <EmptyState title="No topics yet">
              <p>
                Add the first topics your people can share and learn, such as “Generative AI at work” or
                “Leading through change”.
              </p>
            </EmptyState>
          ) : null}
          {topics.data
            ? categories
                .map((category) => ({ category, items: topics.data.filter((t) => t.category === category) }))
                .filter((g) => g.items.length > 0)
                .map((g) => (
                  <Card
                    key={g.category}
                    title={categoryLabels[g.category]}
                    actions={<Badge>{plural(g.items.length, 'topic')}</Badge>}
                  >
                    <ul className="topic-list">
                      {g.items.map((t) => (
                        <TopicRow key={t.id} topic={t} />
                      ))}
                    </ul>
                  </Card>
                ))
            : null}
        </div>
      </div>
    </>
  );
}
