import { AWS_PRICES } from './awsPrices.js';

/** One function's month: how often it runs and what each run costs in time, capacity and log bytes. */
export interface FunctionUsage {
  readonly invocationsPerMonth: number;
  readonly msPerInvocation: number;
  readonly memoryMb: number;
  readonly readUnitsPerInvocation: number;
  readonly writeUnitsPerInvocation: number;
  readonly logBytesPerInvocation: number;
}

export interface MonthlyUsage {
  readonly functions: Readonly<Record<string, FunctionUsage>>;
  readonly sqsRequestsPerMonth: number;
  /** Custom metrics × the share of the month each receives data (billing is prorated by the hour). */
  readonly customMetricMonths: number;
  readonly alarmMetrics: number;
  readonly dashboards: number;
  readonly secrets: number;
  readonly secretCallsPerMonth: number;
  readonly scheduledInvocationsPerMonth: number;
  readonly storedGb: number;
}

export interface MonthlyCost {
  readonly totalUsd: number;
  /** USD by service, after the free tiers. */
  readonly breakdown: Readonly<Record<string, number>>;
  /** The quantities each line was priced on, for the reader of results.json. */
  readonly quantities: Readonly<Record<string, number>>;
}

const overFree = (used: number, free: number) => Math.max(0, used - free);
const cents = (usd: number) => Math.round(usd * 10_000) / 10_000;

/** The month's bill for this usage at us-east-1 list prices, always-free tiers applied. */
export function monthlyCost(usage: MonthlyUsage): MonthlyCost {
  const p = AWS_PRICES;
  const fns = Object.values(usage.functions);
  const sum = (pick: (f: FunctionUsage) => number) => fns.reduce((total, f) => total + f.invocationsPerMonth * pick(f), 0);
  const requests = sum(() => 1);
  const gbSeconds = sum((f) => (f.msPerInvocation / 1000) * (f.memoryMb / 1024));
  const readUnits = sum((f) => f.readUnitsPerInvocation);
  const writeUnits = sum((f) => f.writeUnitsPerInvocation);
  const logGb = sum((f) => f.logBytesPerInvocation) / 1024 ** 3;

  const breakdown = {
    lambda: (overFree(requests, p.lambda.freeRequests) / 1e6) * p.lambda.perMillionRequests + overFree(gbSeconds, p.lambda.freeGbSeconds) * p.lambda.perGbSecondArm,
    dynamodbRequests: (writeUnits / 1e6) * p.dynamodb.perMillionWriteUnits + (readUnits / 1e6) * p.dynamodb.perMillionReadUnits,
    dynamodbStorage: overFree(usage.storedGb, p.dynamodb.freeGb) * p.dynamodb.perGbMonth + usage.storedGb * p.dynamodb.pitrPerGbMonth,
    sqs: (overFree(usage.sqsRequestsPerMonth, p.sqs.freeRequests) / 1e6) * p.sqs.fifoPerMillionRequests,
    customMetrics: overFree(usage.customMetricMonths, p.cloudwatch.freeMetrics) * p.cloudwatch.perMetricMonth,
    alarms: overFree(usage.alarmMetrics, p.cloudwatch.freeAlarmMetrics) * p.cloudwatch.perAlarmMetric,
    dashboards: overFree(usage.dashboards, p.cloudwatch.freeDashboards) * p.cloudwatch.perDashboard,
    // A month's logs are ingested and (with one-month retention) stored about once.
    logs: overFree(logGb, p.cloudwatch.freeLogsGb) * p.cloudwatch.logsPerGbIngested + logGb * p.cloudwatch.logsPerGbStored,
    secretsManager: usage.secrets * p.secretsManager.perSecretMonth + (usage.secretCallsPerMonth / 10_000) * p.secretsManager.perTenThousandCalls,
    scheduler: (overFree(usage.scheduledInvocationsPerMonth, p.scheduler.freeInvocations) / 1e6) * p.scheduler.perMillionInvocations,
  };
  const rounded = Object.fromEntries(Object.entries(breakdown).map(([k, v]) => [k, cents(v)]));
  return {
    totalUsd: cents(Object.values(breakdown).reduce((a, b) => a + b, 0)),
    breakdown: rounded,
    quantities: {
      lambdaRequests: Math.round(requests),
      lambdaGbSeconds: Math.round(gbSeconds),
      dynamodbReadUnits: Math.round(readUnits),
      dynamodbWriteUnits: Math.round(writeUnits),
      sqsRequests: Math.round(usage.sqsRequestsPerMonth),
      customMetricMonths: Math.round(usage.customMetricMonths * 100) / 100,
      alarmMetrics: usage.alarmMetrics,
      logGb: Math.round(logGb * 1000) / 1000,
    },
  };
}
