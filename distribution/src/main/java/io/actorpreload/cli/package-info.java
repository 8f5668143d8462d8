/**
 * The command line of the distribution, {@code bin/actor-preload}: {@code run} (the preload
 * topology), {@code learn} (the manifest learner) and {@code acl} (a role's ACLs). Its options and
 * exit codes are the stable interface; its classes are not an API.
 */
package io.actorpreload.cli;
