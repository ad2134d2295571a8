import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { slipwayApiRef } from '../../api';
import { messageOf } from '../../errors';
import { RelativeTime } from '../EnvironmentsTable';
import { WholeWords } from '../Words';
import { PeriodPicker } from '../PeriodPicker';
import { FeedbackOverTimeCard } from './FeedbackOverTimeCard';

const PERIODS = [
  { value: 30, label: 'Last 30 days' },
  { value: 90, label: 'Last 90 days' },
  { value: 365, label: 'Last year' },
];

/**
 * Platform → Feedback: what developers told the platform team over a period — how they rated each action's runs, the
 * comments they left with a rating, and the notes they sent from the home page. For the platform team
 * (`slipway.feedback.read`); others are told who reads it.
 */
export const FeedbackContent = () => {
  const api = useApi(slipwayApiRef);
  const [days, setDays] = useState(90);
  const feedback = useAsync(() => api.getPlatformFeedback(days), [api, days]);
  const actions = useAsync(() => api.listActions(), [api]);
  const environments = useAsync(() => api.getEnvironments(), [api]);
  const titleOf = (action: string) =>
    actions.value?.find(a => a.name === action)?.title ?? action;
  const environmentTitle = (name: string) =>
    environments.value?.find(e => e.name === name)?.title ?? name;

  if (
    feedback.error instanceof ResponseError &&
    feedback.error.response.status === 403
  )
    return <Typography>{messageOf(feedback.error)}.</Typography>;
  if (feedback.error) return <ResponseErrorPanel error={feedback.error} />;
  return (
    // minWidth 0: a column item may be narrower than its widest table, which then scrolls in its card (phones).
    <Grid container spacing={3} direction="column">
      <Grid item style={{ minWidth: 0 }}>
        <PeriodPicker
          id="feedback-period"
          value={days}
          options={PERIODS}
          onChange={setDays}
        />
      </Grid>
      {!feedback.value || feedback.loading ? (
        <Progress />
      ) : (
        <>
          <Grid item style={{ minWidth: 0 }}>
            <InfoCard title="How people rated the runs, by action">
              {feedback.value.ratings.length ? (
                <WholeWords>
                  <Table size="small" aria-label="Ratings by action">
                    <TableHead>
                      <TableRow>
                        <TableCell>Action</TableCell>
                        <TableCell align="right">Helpful</TableCell>
                        <TableCell align="right">Not helpful</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {feedback.value.ratings.map(r => (
                        <TableRow key={r.action}>
                          <TableCell>{titleOf(r.action)}</TableCell>
                          <TableCell align="right">{r.helpful}</TableCell>
                          <TableCell align="right">{r.notHelpful}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </WholeWords>
              ) : (
                <Typography>
                  Nobody rated a run in this period. People are asked after each
                  of their runs ends.
                </Typography>
              )}
            </InfoCard>
          </Grid>
          <Grid item style={{ minWidth: 0 }}>
            <FeedbackOverTimeCard byWeek={feedback.value.byWeek} />
          </Grid>
          <Grid item style={{ minWidth: 0 }}>
            <InfoCard title="Comments with the ratings">
              {feedback.value.comments.length ? (
                <List dense aria-label="Comments with the ratings">
                  {feedback.value.comments.map(c => (
                    <ListItem key={c.runId} disableGutters>
                      <ListItemText
                        primary={`${c.helpful ? 'Helpful' : 'Not helpful'}: “${
                          c.comment
                        }”`}
                        secondary={
                          <>
                            {titleOf(c.action)} of{' '}
                            <EntityDisplayName
                              entityRef={c.entityRef}
                              hideIcon
                            />{' '}
                            in {environmentTitle(c.environment)}, by{' '}
                            <EntityDisplayName
                              entityRef={c.requester}
                              hideIcon
                            />{' '}
                            · <RelativeTime iso={c.at} />
                          </>
                        }
                      />
                    </ListItem>
                  ))}
                </List>
              ) : (
                <Typography>
                  No rating came with a comment in this period.
                </Typography>
              )}
            </InfoCard>
          </Grid>
          <Grid item style={{ minWidth: 0 }}>
            <InfoCard title="Notes to the platform team">
              {feedback.value.notes.length ? (
                <List dense aria-label="Notes to the platform team">
                  {feedback.value.notes.map(n => (
                    <ListItem key={n.id} disableGutters>
                      <ListItemText
                        primary={n.text}
                        primaryTypographyProps={{
                          style: { whiteSpace: 'pre-wrap' },
                        }}
                        secondary={
                          <>
                            <EntityDisplayName entityRef={n.author} hideIcon />{' '}
                            · <RelativeTime iso={n.createdAt} />
                          </>
                        }
                      />
                    </ListItem>
                  ))}
                </List>
              ) : (
                <Typography>
                  No notes in this period. Anyone can send one from the home
                  page.
                </Typography>
              )}
            </InfoCard>
          </Grid>
        </>
      )}
    </Grid>
  );
};
